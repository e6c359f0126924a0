/**
 * `POST /credentials/issue` (VC-API): signs a caller's VC 2.0 or 1.1 credential as the calling
 * tenant, with an eddsa-rdfc-2022 DataIntegrityProof, optionally with a revocation entry in the
 * tenant's status lists, and records it in the issuance log.
 */
import { randomUUID } from 'node:crypto';
import type { LimitFunction } from 'p-limit';
import { AppError } from '../errors.js';
import { insertIssuedCredential } from '../db/issued-credentials-repository.js';
import { findRecentActiveSigningKey } from '../db/signing-keys-repository.js';
import { countAllocatedSlot } from '../db/status-lists-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { CONTEXT_URLS } from '../credentials/document-loader.js';
import { allocateStatusSlot, assertStatusSlotFree, StatusSlotTaken, type StatusSlot } from '../issuance/allocate-status-slot.js';
import { statusListUrl, type StatusListDeps } from '../issuance/publish-status-list.js';
import { loadIssuingKey } from '../issuance/tenant-signing-key.js';
import { assertCredentialDepth } from './credential-depth.js';
import { assertCredentialRules } from './credential-input-rules.js';
import { issuanceLogEntry } from './issuance-log.js';
import { tenantIssuerIds } from './issuer-identifiers.js';
import { assertJsonLdSafe } from './jsonld-safe-mode.js';
import { prepareCredential } from './prepare-credential.js';
import { inWriteTransaction } from '../db/write-transaction.js';

/** Dependencies of VC-API issuance. */
export interface IssueCredentialDeps extends StatusListDeps {
  /** Bounds concurrent signing, as for certificates (see createIssuanceLimit). */
  issuanceLimit?: LimitFunction;
}

/** A validated `POST /credentials/issue` request. */
export interface IssueCredentialInput {
  tenant: Tenant;
  credential: Record<string, unknown>;
  /** Ask for a revocation entry in the tenant's status lists. */
  credentialStatus?: { type: 'BitstringStatusListEntry'; statusPurpose: 'revocation' };
}

/** Retries when two issuances race for the same random status slot (vanishingly rare). */
const SLOT_ATTEMPTS = 3;

const isSlotCollision = (error: unknown): boolean =>
  error instanceof StatusSlotTaken || (error instanceof Error && /issued_credentials\.status_list_id|issued_credentials_status_slot/.test(error.message));

/**
 * Signing failures that only the input can cause, as 422 `jsonld_invalid`: RDFC-1.0's work limit
 * against poison graphs (many alike nested objects without an id), or a RangeError (matched by
 * name: the signer pool rebuilds worker errors as plain Errors).
 */
function signingRefusalOf(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const refuse = (detail: string) => new AppError('jsonld_invalid', 422, `credential: ${detail}`, { field: 'credential' });
  if (error.message.startsWith('Maximum deep iterations exceeded')) {
    return refuse('RDF canonicalisation gave up: too many nested objects without an id look alike; give them ids');
  }
  if (error.name === 'RangeError') return refuse('JSON-LD processing failed: the credential is too deeply nested or too large to process');
  return undefined;
}

/** A copy of `credential` with a BitstringStatusListEntry for `slot` (1.1 gets the status context). */
function withStatusEntry(credential: Record<string, unknown>, options: { version: 1 | 2; listUrl: string; slot: StatusSlot }): Record<string, unknown> {
  const index = String(options.slot.index);
  const entry = { id: `${options.listUrl}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: index, statusListCredential: options.listUrl };
  const contexts = credential['@context'] as unknown[];
  const existing = credential.credentialStatus;
  return {
    ...credential,
    '@context': options.version === 1 && !contexts.includes(CONTEXT_URLS.bitstringStatusListV1) ? [...contexts, CONTEXT_URLS.bitstringStatusListV1] : contexts,
    credentialStatus: existing === undefined ? entry : [...(Array.isArray(existing) ? existing : [existing]), entry],
  };
}

/**
 * Issues `input.credential` as the calling tenant and returns the verifiable credential.
 * Refusals (before anything is stored): excessive nesting ({@link assertCredentialDepth}, checked
 * first), the issuer rules of {@link prepareCredential}, the structural rules
 * ({@link assertCredentialRules}) and JSON-LD safe mode ({@link assertJsonLdSafe}); then a
 * credential that canonicalisation gives up on while signing (422 `jsonld_invalid`).
 * A credential that asks for status and has no `id` gets `urn:uuid:…` so it can be revoked.
 * The log entry and the status slot are written in one transaction after signing: a failure
 * leaves nothing behind.
 */
export async function issueCredential(deps: IssueCredentialDeps, input: IssueCredentialInput): Promise<Record<string, unknown>> {
  assertCredentialDepth(input.credential);
  const { tenant } = input;
  const now = deps.now();
  // One read of the active key for the issuer the credential names and the key that signs it: two
  // reads could straddle a rotation and sign as did:key:<new> with the old key.
  const activeKey = findRecentActiveSigningKey(deps.db, tenant.id);
  const ids = tenantIssuerIds(deps.db, deps.publicUrl, tenant, activeKey);
  const prepared = prepareCredential(input.credential, { ids, defaultIssuer: tenant.issuerIdentifier, now });
  const { credential } = prepared;
  assertCredentialRules(credential);
  if (input.credentialStatus && credential.id === undefined) credential.id = `urn:uuid:${randomUUID()}`;
  const { issuerId, key } = loadIssuingKey(deps.db, { tenant, publicUrl: deps.publicUrl, masterKey: deps.masterKey, as: prepared.issuerKind, record: activeKey });
  const unsignedWith = (slot: StatusSlot | undefined) =>
    slot ? withStatusEntry(credential, { version: prepared.version, listUrl: statusListUrl(deps.publicUrl, tenant.slug, slot.listId, issuerId), slot }) : credential;
  // The shape that will be signed (a status entry's index is only a literal). On the request
  // thread: a shape seen before costs a template fill, not a full JSON-LD expansion.
  await assertJsonLdSafe(unsignedWith(input.credentialStatus ? { listId: '1', index: 0 } : undefined));

  const signAndLog = async (): Promise<Record<string, unknown>> => {
    for (let attempt = 1; ; attempt++) {
      const issuedAt = now.toISOString();
      const slot = input.credentialStatus ? allocateStatusSlot(deps.db, { tenantId: tenant.id, at: issuedAt, refresh: attempt > 1 }) : undefined;
      const unsigned = unsignedWith(slot);
      const signed = await deps.signer.signCredential({ credential: unsigned, key, created: now }).catch((error: unknown) => {
        throw signingRefusalOf(error) ?? error;
      });
      const entry = issuanceLogEntry({ tenantId: tenant.id, masterKey: deps.masterKey, credential: signed, issuerId, verificationMethod: key.verificationMethod, slot, storeSubject: tenant.storeIssuedSubjects, issuedAt });
      try {
        inWriteTransaction(deps.db, (tx) => {
          if (slot) assertStatusSlotFree(tx, tenant.id, slot);
          insertIssuedCredential(tx, entry);
          if (slot) countAllocatedSlot(tx, tenant.id, slot.listId);
        });
        return signed;
      } catch (error) {
        if (!isSlotCollision(error) || attempt >= SLOT_ATTEMPTS) throw error;
      }
    }
  };
  return deps.issuanceLimit ? deps.issuanceLimit(signAndLog) : signAndLog();
}
