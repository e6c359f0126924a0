import { Router } from 'express';
import { notFound } from '../../errors.js';
import { createOgImageCache, ogImage, type OgImageDeps } from '../../sharing/og-image.js';
import { requestLanguage } from '../middleware/language.js';
import { sendPublicImage } from '../send-public-image.js';
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
    res.setHeader('Vary', 'Accept-Language');
    // Cached five minutes only: the image shows the status, and a revocation must reach new previews soon.
    sendPublicImage(req, res, { ...image, type: 'image/png' });
  });
  return router;
}
