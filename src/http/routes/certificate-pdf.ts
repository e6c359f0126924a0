import { Router } from 'express';
import type { Db } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { certificatePdf } from '../../issuance/certificate-pdf.js';
import { requestLanguage } from '../middleware/language.js';
import { UUID_PATTERN } from '../schemas/common.js';

/** `GET /certificates/:number.pdf?lang=en|nb`: the public, cacheable certificate PDF. */
export function certificatePdfRouter(deps: { db: Db; publicUrl: string }): Router {
  const router = Router();
  router.get('/certificates/:file', async (req, res) => {
    const match = /^(.+)\.pdf$/.exec(req.params.file);
    const number = match?.[1]?.toLowerCase();
    const language = (learnerLocale: string | null) => requestLanguage(req, learnerLocale);
    const pdf = number && UUID_PATTERN.test(number) ? await certificatePdf(deps, { number, language }) : undefined;
    if (!pdf) throw notFound('certificate_not_found', 'No certificate with this number.');
    res.setHeader('ETag', pdf.etag);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Vary', 'Accept-Language');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Disposition', `inline; filename="${pdf.filename}"`);
    res.type('application/pdf').send(pdf.bytes);
  });
  return router;
}
