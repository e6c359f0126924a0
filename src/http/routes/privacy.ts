import express, { Router, type Request } from 'express';
import type { Db } from '../../db/client.js';
import { setUsageHidden } from '../../db/certificate-privacy-repository.js';
import { findCertificateByNumber, type CertificateRecord } from '../../db/certificates-repository.js';
import { notFound } from '../../errors.js';
import { translator } from '../../i18n.js';
import { isPrivacyTokenValid } from '../../security/privacy-token.js';
import { renderPrivacyPage } from '../../views/privacy-page.js';
import { requestLanguage } from '../middleware/language.js';
import { UUID_PATTERN } from '../schemas/common.js';
import { privacyChoiceBody } from '../schemas/privacy-input.js';
import { parseInput } from '../validate.js';

/** The certificate behind a valid privacy link; anything else is the same 404 (no probing). */
function certificateFor(db: Db, masterKey: Buffer, number: string, token: unknown): CertificateRecord {
  const normalized = number.toLowerCase();
  const certificate = UUID_PATTERN.test(normalized) && isPrivacyTokenValid(masterKey, normalized, token) ? findCertificateByNumber(db, normalized) : undefined;
  if (!certificate) throw notFound('privacy_link_invalid', 'This privacy link is not valid.');
  return certificate;
}

/**
 * The learner's privacy page, reached by the secret link given in the webhook response:
 * `GET /privacy/:number?token=` shows the setting, `POST` (form or JSON `{token, hideUsage}`)
 * hides or shows the usage evidence on the public verify page.
 */
export function privacyRouter(deps: { db: Db; masterKey: Buffer; publicUrl: string }): Router {
  const router = Router();
  const show = (req: Request, certificate: CertificateRecord, token: string) => {
    const lang = requestLanguage(req, certificate.learnerLocale);
    return renderPrivacyPage({ certificate, token, t: translator(lang), lang, publicUrl: deps.publicUrl });
  };
  router.get('/privacy/:number', (req, res) => {
    const certificate = certificateFor(deps.db, deps.masterKey, req.params.number, req.query.token);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(show(req, certificate, String(req.query.token)));
  });
  router.post('/privacy/:number', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const input = parseInput(privacyChoiceBody, req.body);
    const certificate = certificateFor(deps.db, deps.masterKey, req.params.number, input.token);
    setUsageHidden(deps.db, certificate.number, input.hideUsage);
    res.setHeader('Cache-Control', 'no-store');
    if (req.is('application/json')) {
      res.json({ number: certificate.number, usageHidden: input.hideUsage });
    } else {
      res.redirect(303, `/privacy/${certificate.number}?token=${encodeURIComponent(input.token)}`);
    }
  });
  return router;
}
