/**
 * The issuance-log entry of a credential issued through the VC-API: what was issued, when, a
 * digest of the subject and the status entry; the subject itself only when the tenant opted in.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { IssuedCredentialRecord } from '../db/issued-credentials-repository.js';
import { deriveKey } from '../security/derived-key.js';
import type { StatusSlot } from '../issuance/allocate-status-slot.js';

/** JSON with object keys sorted at every level, so equal subjects give equal digests. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Derived keys per master key and tenant (HKDF per issuance showed in profiles). */
const digestKeys = new WeakMap<Buffer, Map<string, Buffer>>();

/** The tenant's subject-digest key: HKDF of the master key, info `credence/issuance-log-subject/<tenantId>`. */
export function subjectDigestKey(masterKey: Buffer, tenantId: string): Buffer {
  let keys = digestKeys.get(masterKey);
  if (!keys) digestKeys.set(masterKey, (keys = new Map()));
  let key = keys.get(tenantId);
  if (!key) keys.set(tenantId, (key = deriveKey(masterKey, `credence/issuance-log-subject/${tenantId}`)));
  return key;
}

/**
 * HMAC-SHA-256 (hex) of the canonical JSON of a `credentialSubject` under the tenant's
 * {@link subjectDigestKey}. Equal subjects of one tenant give equal digests, so the digest lets
 * the tenant, through the instance that holds the master key, confirm that a subject it already
 * knows was issued a credential, and nobody else: subjects are guessable (an email, a DID), which
 * a plain hash would let anyone with a copy of the database confirm, whereas without the master
 * key this digest confirms nothing, and the same subject gives unrelated digests in two tenants,
 * so the log cannot link subjects across tenants. It never reveals a subject it is not given.
 */
export function subjectDigest(subject: unknown, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalJson(subject)).digest('hex');
}

/** Builds the log entry of a signed credential. */
export function issuanceLogEntry(options: {
  tenantId: string;
  /** Keys the subject digest (see {@link subjectDigest}). */
  masterKey: Buffer;
  credential: Record<string, unknown>;
  issuerId: string;
  verificationMethod: string;
  slot?: StatusSlot;
  storeSubject: boolean;
  issuedAt: string;
}): IssuedCredentialRecord {
  const { credential, slot } = options;
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  return {
    id: randomUUID(),
    tenantId: options.tenantId,
    credentialId: typeof credential.id === 'string' ? credential.id : null,
    types: types.map(String),
    subjectDigest: subjectDigest(credential.credentialSubject, subjectDigestKey(options.masterKey, options.tenantId)),
    subjectJson: options.storeSubject ? JSON.stringify(credential.credentialSubject) : null,
    issuer: options.issuerId,
    verificationMethod: options.verificationMethod,
    statusListId: slot?.listId ?? null,
    statusIndex: slot?.index ?? null,
    issuedAt: options.issuedAt,
    revokedAt: null,
  };
}
