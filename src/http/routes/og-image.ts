import { Router } from 'express';
import { notFound } from '../../errors.js';
import { createOgImageCache, ogImage, type OgImageDeps } from '../../sharing/og-image.js';
import { requestLanguage } from '../middleware/language.js';
import { UUID_PATTERN } from '../schemas/common.js';

/**
 * `GET /verify/:number/og.png?lang=en|nb`: the link-preview image named by the verify page's
 * `og:image`. Unknown numbers get a 404 problem, never a blank image.
 */
export function ogImageRouter(deps: Omit<OgImageDeps, 'cache'>): Router {
  const router = Router();
  const cache = createOgImageCache();
  router.get('/verify/:number/og.png', async (req, res) => {
    const number = req.params.number.toLowerCase();
    const language = (learnerLocale: string | null) => requestLanguage(req, learnerLocale);
    const image = UUID_PATTERN.test(number) ? await ogImage({ ...deps, cache }, { number, language }) : undefined;
    if (!image) throw notFound('certificate_not_found', 'No certificate with this number.');
    res.setHeader('ETag', image.etag);
    // Short: the image shows the status, and a revocation must reach new previews soon.
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Vary', 'Accept-Language');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('image/png').send(image.bytes);
  });
  return router;
}
