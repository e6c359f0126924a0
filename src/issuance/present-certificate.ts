import type { CertificateRecord } from '../db/certificates-repository.js';
import { certificateLinks } from './certificate-links.js';
import { certificateStatus } from './certificate-status.js';

/** The API shape of a certificate (for the tenant that issued it). */
export function presentCertificate(certificate: CertificateRecord, options: { publicUrl: string; now: Date }) {
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
    links: certificateLinks(options.publicUrl, certificate.number),
  };
}
