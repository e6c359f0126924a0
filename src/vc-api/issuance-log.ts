/**
 * The issuance-log entry of a credential issued through the VC-API: what was issued, when, a
 * digest of the subject and the status entry; the subject itself only when the tenant opted in.
 */
import { randomUUID } from 'node:crypto';
import type { IssuedCredentialRecord } from '../db/issued-credentials-repository.js';
import { sha256Hex } from '../security/hashes.js';
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

/** SHA-256 (hex) of the canonical JSON of a `credentialSubject`. */
export function subjectDigest(subject: unknown): string {
  return sha256Hex(canonicalJson(subject));
}

/** Builds the log entry of a signed credential. */
export function issuanceLogEntry(options: {
  tenantId: string;
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
    subjectDigest: subjectDigest(credential.credentialSubject),
    subjectJson: options.storeSubject ? JSON.stringify(credential.credentialSubject) : null,
    issuer: options.issuerId,
    verificationMethod: options.verificationMethod,
    statusListId: slot?.listId ?? null,
    statusIndex: slot?.index ?? null,
    issuedAt: options.issuedAt,
    revokedAt: null,
  };
}
