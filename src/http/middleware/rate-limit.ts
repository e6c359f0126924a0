import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../../errors.js';
import { presentedKey } from './auth.js';
import { parseApiKey } from '../../security/api-key-token.js';

/**
 * Limits requests per minute: per API key prefix when one is presented (so one tenant's burst
 * does not starve another), else per client IP. Over the limit: 429 problem+json.
 */
export function rateLimiter(options: { perMinute: number }): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req: Request) => {
      const key = presentedKey(req);
      const prefix = key ? parseApiKey(key)?.prefix : undefined;
      return prefix ?? ipKeyGenerator(req.ip ?? 'unknown');
    },
    handler: (_req, _res, next, opts) => {
      next(new AppError('rate_limited', 429, 'Too many requests: slow down and retry later.', {
        headers: { 'Retry-After': String(Math.ceil(opts.windowMs / 1000)) },
      }));
    },
  });
}
