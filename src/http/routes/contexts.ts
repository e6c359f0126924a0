import { Router } from 'express';
import { USAGE_CONTEXT } from '../../usage/usage-context.js';

/** `GET /contexts/usage-attestation-v1.json`: the JSON-LD context of usage attestations. */
export function contextsRouter(): Router {
  const router = Router();
  router.get('/contexts/usage-attestation-v1.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.type('application/ld+json').json(USAGE_CONTEXT);
  });
  return router;
}
