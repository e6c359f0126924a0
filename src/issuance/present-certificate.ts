import type { CertificateRecord } from '../db/certificates-repository.js';
import { certificateLinks } from './certificate-links.js';
import { certificateStatus } from './certificate-status.js';
import { privacyToken } from '../security/privacy-token.js';

/** The learner's secret privacy page for one certificate. */
export function privacyLink(publicUrl: string, number: string, masterKey: Buffer): string {
  return `${publicUrl}/privacy/${number}?token=${privacyToken(masterKey, number)}`;
}

/**
 * The API shape of a certificate (for the tenant that issued it). `links.privacy` is the
 * learner's secret link for hiding usage evidence: pass it on to the learner only.
 */
export function presentCertificate(certificate: CertificateRecord, options: { publicUrl: string; now: Date; masterKey: Buffer }) {
  return {
    number: certificate.number,
    status: certificateStatus(certificate, options.now),
    issuedAt: certificate.issuedAt,
    completedAt: certificate.completedAt,
    validUntil: certificate.validUntil,
    revokedAt: certificate.revokedAt,
    revocationReason: certificate.revocationReason,
    learner: { id: certificate.learnerId, name: certificate.learnerName },
    course: { id: certificate.courseId, name: certificate.courseName.en },
    eventId: certificate.eventId,
    usageHidden: certificate.usageHidden,
    version: certificate.version,
    links: {
      ...certificateLinks(options.publicUrl, certificate.number),
      privacy: privacyLink(options.publicUrl, certificate.number, options.masterKey),
    },
  };
}
