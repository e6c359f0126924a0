import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../../errors.js';

/**
 * Limits requests per minute: per verified caller when `identify` names one (so one tenant's
 * burst does not starve another behind the same address), else per client IP; a claimed but
 * unverified identity never picks the budget, so neither fake keys nor a victim's key prefix
 * can dodge or exhaust a limit. Over the limit: 429 problem+json.
 */
export function rateLimiter(options: {
  perMinute: number;
  identify?: (req: Request) => Promise<string | undefined>;
  /** Requests this limiter leaves to another one (neither counted nor limited here). */
  skip?: (req: Request) => boolean;
}): RequestHandler {
  return rateLimit({
    ...(options.skip ? { skip: options.skip } : {}),
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: async (req: Request) => (await options.identify?.(req)) ?? ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, _res, next, opts) => {
      next(new AppError('rate_limited', 429, 'Too many requests: slow down and retry later.', {
        headers: { 'Retry-After': String(Math.ceil(opts.windowMs / 1000)) },
      }));
    },
  });
}
