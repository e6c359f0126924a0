import express, { Router } from 'express';
import { AppError } from '../../errors.js';
import { verifySubmittedCredential, type SubmittedCredential, type VerifySubmittedDeps } from '../../verification/verify-submitted.js';

/** Uploads (baked PNGs, JWTs) are capped at 2 MB. */
const UPLOAD_LIMIT = '2mb';
const JWT_TYPES = ['application/vc+jwt', 'application/jwt', 'text/plain'];

/**
 * `POST /v1/verify` (public, no auth): verifies an OB 3.0 credential sent as JSON-LD
 * (`application/json`, `application/ld+json`), as a VC-JWT (`application/vc+jwt`, `text/plain`)
 * or as a baked PNG (`image/png`), returning `{verified, format, checks, credential}`.
 */
export function publicVerifierRouter(deps: VerifySubmittedDeps): Router {
  const router = Router();
  router.post(
    '/',
    express.raw({ type: 'image/png', limit: UPLOAD_LIMIT }),
    express.text({ type: JWT_TYPES, limit: UPLOAD_LIMIT }),
    async (req, res) => {
      let input: SubmittedCredential;
      if (req.is('image/png')) input = { kind: 'png', png: req.body as Buffer };
      else if (req.is(JWT_TYPES)) input = { kind: 'jwt', jwt: String(req.body ?? '') };
      else if (req.is(['application/json', 'application/*+json'])) {
        const body = req.body as unknown;
        const wrapped = body && typeof body === 'object' && 'credential' in body && !('@context' in body) ? (body as { credential: unknown }).credential : body;
        input = typeof wrapped === 'string' ? { kind: 'jwt', jwt: wrapped } : { kind: 'json', credential: wrapped };
      } else {
        throw new AppError('unsupported_media_type', 415, 'Send JSON-LD, a VC-JWT or a baked PNG.', { field: 'Content-Type' });
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json(await verifySubmittedCredential(deps, input));
    },
  );
  return router;
}
