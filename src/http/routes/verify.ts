import { Router, type Request, type Response } from 'express';
import { AppError } from '../../errors.js';
import { translator } from '../../i18n.js';
import { certificateLinks } from '../../issuance/certificate-links.js';
import { usageEvidence, type NoEvidenceReason, type UsageEvidence, type UsageEvidenceDeps } from '../../usage/usage-evidence.js';
import { verifyCertificate, type CertificateVerification, type VerifyCertificateDeps } from '../../verification/verify-certificate.js';
import { allowCopyLinkScript } from '../../views/copy-link-script.js';
import { findCredentialByNumber } from '../../db/certificates-repository.js';
import { listCredentialVersions, type CredentialVersionRecord } from '../../db/credential-versions-repository.js';
import { credentialVersionUrl } from '../../issuance/renew-credentials.js';
import { renderUsagePanel } from '../../views/usage-panel.js';
import { renderVersionHistory } from '../../views/version-history.js';
import { renderVerifyNotFound, renderVerifyPage } from '../../views/verify-page.js';
import { requestLanguage } from '../middleware/language.js';
import { UUID_PATTERN } from '../schemas/common.js';

/** The JSON shape of usage evidence: `null` when the course measures none or it is hidden. */
function presentUsage(evidence: UsageEvidence | NoEvidenceReason) {
  if (typeof evidence === 'string') return null;
  return {
    state: evidence.state,
    score: evidence.score,
    lastActiveDate: evidence.lastActiveDate,
    daysSinceLastUse: evidence.daysSinceLastUse,
    activeWeeksLast12: evidence.activeWeeksLast12.filter(Boolean).length,
    weeks: evidence.activeWeeksLast12,
    halfLifeDays: evidence.halfLifeDays,
    computedAt: evidence.computedAt,
    sources: evidence.sources,
    attestation: evidence.attestation,
  };
}

/** The JSON shape of a verification (public: no email, no learner id). */
export function presentVerification(
  v: CertificateVerification,
  options: { publicUrl: string; usage: UsageEvidence | NoEvidenceReason; previousVersions: CredentialVersionRecord[] },
) {
  const { publicUrl } = options;
  return {
    number: v.number,
    status: v.status,
    learner: { name: v.learnerName },
    course: { id: v.courseId, name: v.courseName.en },
    issuer: { name: v.issuerName, id: `${publicUrl}/issuers/${v.issuerSlug}` },
    issuedAt: v.issuedAt,
    completedAt: v.completedAt,
    validUntil: v.validUntil,
    revocation: v.revokedAt ? { revokedAt: v.revokedAt, reason: v.revocationReason } : null,
    checks: v.checks,
    usage: presentUsage(options.usage),
    version: v.certificate.version,
    previousVersions: options.previousVersions.map((p) => ({
      version: p.version,
      url: credentialVersionUrl(publicUrl, v.number, p.version),
      validFrom: p.validFrom,
      validUntil: p.validUntil,
    })),
    links: certificateLinks(publicUrl, v.number),
  };
}

function sendNotFound(req: Request, res: Response): void {
  if (req.accepts(['html', 'json']) === 'json') {
    throw new AppError('certificate_not_found', 404, 'No certificate with this number.');
  }
  const lang = requestLanguage(req);
  res.status(404).type('html').send(renderVerifyNotFound({ t: translator(lang), lang }));
}

/** `GET /verify/:number`: the public verify page (HTML), its JSON, or the credential itself. */
export function verifyRouter(deps: VerifyCertificateDeps & UsageEvidenceDeps): Router {
  const router = Router();
  router.get('/verify/:number', async (req, res) => {
    const number = req.params.number.toLowerCase();
    const verification = UUID_PATTERN.test(number) ? await verifyCertificate(deps, number) : undefined;
    res.setHeader('Vary', 'Accept, Accept-Language');
    res.setHeader('Cache-Control', 'no-store');
    if (!verification) return sendNotFound(req, res);
    const wanted = req.accepts(['html', 'application/ld+json', 'application/vc+jwt', 'json']);
    if (wanted === 'application/ld+json' || wanted === 'application/vc+jwt') {
      const stored = findCredentialByNumber(deps.db, number)!;
      res.type(wanted).send(wanted === 'application/ld+json' ? stored.credentialJson : stored.credentialJwt);
    } else {
      const { certificate } = verification;
      const usage = await usageEvidence(deps, { tenant: verification.tenant, certificate });
      const previousVersions = certificate.version > 1 ? listCredentialVersions(deps.db, number) : [];
      if (wanted === 'json') {
        res.json(presentVerification(verification, { publicUrl: deps.publicUrl, usage, previousVersions }));
      } else {
        const lang = requestLanguage(req, verification.learnerLocale);
        const t = translator(lang);
        const history =
          previousVersions.length === 0
            ? undefined
            : renderVersionHistory({
                number,
                currentVersion: certificate.version,
                currentValidFrom: (JSON.parse(findCredentialByNumber(deps.db, number)!.credentialJson) as { validFrom: string }).validFrom,
                currentValidUntil: certificate.validUntil,
                previous: previousVersions,
                publicUrl: deps.publicUrl,
                t,
                lang,
              });
        const usagePanel = renderUsagePanel({ evidence: usage, t, lang });
        res.setHeader('Content-Security-Policy', allowCopyLinkScript(String(res.getHeader('Content-Security-Policy'))));
        res.type('html').send(renderVerifyPage({ verification, t, lang, publicUrl: deps.publicUrl, usagePanel, history }));
      }
    }
  });
  return router;
}
