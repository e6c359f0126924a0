import { findCertificateByNumber, type CertificateRecord } from '../db/certificates-repository.js';
import { findIdempotencyKey, rememberIdempotencyKey } from '../db/idempotency-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { AppError } from '../errors.js';
import { sha256Hex } from '../security/hashes.js';
import { issueCertificate, type CompletionInput, type IssuanceDeps } from './issue-certificate.js';

/**
 * Handles a completion webhook: honours an `Idempotency-Key` (same key and body → the same
 * answer; same key, different body → 422), then issues the certificate exactly once.
 */
export async function recordCompletion(
  deps: IssuanceDeps,
  options: { tenant: Tenant; input: CompletionInput; idempotencyKey?: string },
): Promise<{ certificate: CertificateRecord; created: boolean }> {
  const { tenant, input, idempotencyKey } = options;
  const requestHash = idempotencyKey ? sha256Hex(JSON.stringify(input)) : '';
  if (idempotencyKey) {
    const known = findIdempotencyKey(deps.db, tenant.id, idempotencyKey);
    if (known && known.requestHash !== requestHash) {
      throw new AppError('idempotency_key_reused', 422, 'This Idempotency-Key was used with a different request body.', {
        field: 'Idempotency-Key',
      });
    }
    const certificate = known && findCertificateByNumber(deps.db, known.certificateNumber);
    if (certificate) return { certificate, created: false };
  }
  const result = await issueCertificate(deps, tenant, input);
  if (idempotencyKey) {
    rememberIdempotencyKey(deps.db, {
      tenantId: tenant.id,
      key: idempotencyKey,
      requestHash,
      certificateNumber: result.certificate.number,
      createdAt: deps.now().toISOString(),
    });
  }
  return result;
}
