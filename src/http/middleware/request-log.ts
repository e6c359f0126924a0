import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

declare module 'node:http' {
  interface IncomingMessage {
    /** This request's id, also sent back as `X-Request-Id` and quoted in problem details. */
    id?: string;
  }
}

/** The tenant an authenticated route served (set by the auth middleware), for the access log. */
function tenantOf(res: Response): string | undefined {
  return (res.locals.auth as { tenant?: { slug: string } } | undefined)?.tenant?.slug;
}

/**
 * Gives every request an id (`X-Request-Id`) and, when the logger's level includes `info`, writes
 * one access-log line as the response finishes: id, method, URL, status, duration and tenant.
 * At quieter levels nothing is built per request (a pino child logger per request, as pino-http
 * makes, cost about a tenth of a verify request's time).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (logger.isLevelEnabled('info')) {
      const started = performance.now();
      res.once('finish', () => {
        const entry = {
          reqId: id,
          method: req.method,
          url: req.originalUrl,
          statusCode: res.statusCode,
          responseTime: Math.round(performance.now() - started),
          tenant: tenantOf(res),
        };
        if (res.statusCode >= 500) logger.error(entry, 'request failed');
        else logger.info(entry, 'request completed');
      });
    }
    next();
  };
}
