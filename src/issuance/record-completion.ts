import { findCertificateByNumber, type CertificateRecord } from '../db/certificates-repository.js';
import {
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
} from '../db/idempotency-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { AppError } from '../errors.js';
import { sha256Hex } from '../security/hashes.js';
import { issueCertificate, type CompletionInput, type IssuanceDeps } from './issue-certificate.js';

type Issued = { certificate: CertificateRecord; created: boolean };

/**
 * Handles a completion webhook: honours an `Idempotency-Key` (same key and body → the same
 * answer; same key, different body → 422), then issues the certificate exactly once.
 *
 * The key is reserved before issuing, so when requests with one key race, only the body that
 * reserved it is issued and every other body gets the 422. The same body arriving while the first
 * is in flight is simply issued again, which is idempotent per learner and course (200, same
 * number). A request that fails frees its key; one whose process stopped mid-way leaves the key
 * reserved for its body, which a retry then completes.
 */
export async function recordCompletion(
  deps: IssuanceDeps,
  options: { tenant: Tenant; input: CompletionInput; idempotencyKey?: string },
): Promise<Issued> {
  const { tenant, input, idempotencyKey } = options;
  if (!idempotencyKey) return issueCertificate(deps, tenant, input);
  const requestHash = sha256Hex(JSON.stringify(input));
  const reservation = { tenantId: tenant.id, key: idempotencyKey, requestHash, createdAt: deps.now().toISOString() };
  const known = claimIdempotencyKey(deps, reservation);
  const reserved = !known;
  if (known && known.requestHash !== requestHash) {
    throw new AppError('idempotency_key_reused', 422, 'This Idempotency-Key was used with a different request body.', {
      field: 'Idempotency-Key',
    });
  }
  const answered = known?.certificateNumber ? findCertificateByNumber(deps.db, known.certificateNumber) : undefined;
  if (answered) return { certificate: answered, created: false };
  let result: Issued;
  try {
    result = await issueCertificate(deps, tenant, input);
  } catch (error) {
    if (reserved) releaseIdempotencyKey(deps.db, tenant.id, idempotencyKey, requestHash);
    throw error;
  }
  completeIdempotencyKey(deps.db, reservation, result.certificate.number);
  return result;
}

/**
 * Reserves the key for this request (returns undefined) or returns the record that holds it. A
 * key freed by a failed request between the insert and the read is tried again.
 */
function claimIdempotencyKey(
  deps: IssuanceDeps,
  reservation: Parameters<typeof reserveIdempotencyKey>[1],
): ReturnType<typeof findIdempotencyKey> {
  for (;;) {
    if (reserveIdempotencyKey(deps.db, reservation)) return undefined;
    const known = findIdempotencyKey(deps.db, reservation.tenantId, reservation.key);
    if (known) return known;
  }
}
