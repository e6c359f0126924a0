import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../../errors.js';
import { decodeJwt } from 'jose';
import { presentedKey } from './auth.js';
import { parseApiKey } from '../../security/api-key-token.js';
import { looksLikeJwt } from '../../oauth/access-token-auth.js';

/** The caller a presented credential claims to be (unverified: only to pick a rate-limit bucket). */
function claimedCaller(presented: string | undefined): string | undefined {
  if (!presented) return undefined;
  if (!looksLikeJwt(presented)) return parseApiKey(presented)?.prefix;
  try {
    const { sub } = decodeJwt(presented);
    return typeof sub === 'string' && sub.length <= 128 ? `client:${sub}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Limits requests per minute: per API key prefix or OAuth client when one is presented (so one
 * tenant's burst does not starve another), else per client IP. Over the limit: 429 problem+json.
 */
export function rateLimiter(options: { perMinute: number }): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req: Request) => {
      return claimedCaller(presentedKey(req)) ?? ipKeyGenerator(req.ip ?? 'unknown');
    },
    handler: (_req, _res, next, opts) => {
      next(new AppError('rate_limited', 429, 'Too many requests: slow down and retry later.', {
        headers: { 'Retry-After': String(Math.ceil(opts.windowMs / 1000)) },
      }));
    },
  });
}
