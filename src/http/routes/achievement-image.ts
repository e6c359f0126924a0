import { Router } from 'express';
import type { Db } from '../../db/client.js';
import { achievementImage } from '../../issuance/achievement-image.js';
import { sendPublicImage } from '../send-public-image.js';

/**
 * `GET /issuers/:slug/achievements/:courseId/image.png`: the course's badge artwork, the
 * `Achievement.image` of credentials for courses that set no image of their own.
 */
export function achievementImageRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/issuers/:slug/achievements/:courseId/image.png', async (req, res) => {
    const image = await achievementImage(deps, { tenantSlug: req.params.slug, courseId: req.params.courseId });
    sendPublicImage(req, res, { ...image, type: 'image/png' });
  });
  return router;
}
