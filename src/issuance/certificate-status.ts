import type { CertificateRecord } from '../db/certificates-repository.js';

/** What a certificate is worth right now. */
export type CertificateStatus = 'valid' | 'revoked' | 'expired';

/** Revocation wins over expiry; a certificate is expired from its `validUntil` instant on. */
export function certificateStatus(
  certificate: Pick<CertificateRecord, 'revokedAt' | 'validUntil'>,
  now: Date,
): CertificateStatus {
  if (certificate.revokedAt) return 'revoked';
  if (certificate.validUntil && Date.parse(certificate.validUntil) <= now.getTime()) return 'expired';
  return 'valid';
}
