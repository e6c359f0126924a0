import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from 'pino';
import { AppError, problemType } from '../../errors.js';
import { translator } from '../../i18n.js';
import { requestLanguage } from './language.js';


/** The problem-details members (RFC 9457) of a refusal, with its title in the request's language. */
export function problemDetails(req: Request, problem: AppError): Record<string, unknown> {
  return {
    type: problemType(problem.code),
    title: translator(requestLanguage(req))(`errors:${problem.code}`, { defaultValue: translator('en')('errors:fallback') }),
    status: problem.status,
    detail: problem.message,
    code: problem.code,
    ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
    requestId: String(req.id ?? ''),
  };
}

/** Maps errors raised by body parsing (express/raw-body) to our stable codes. */
function fromParserError(error: { type?: string; status?: number; message?: string }): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('malformed_json', 400, 'The request body is not valid JSON.', { field: 'body' });
    case 'entity.too.large':
      return new AppError('payload_too_large', 413, 'The request body is too large.', { field: 'body' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_encoding', 415, 'The request body encoding is not supported.', { field: 'body' });
    case 'request.aborted':
      return new AppError('request_aborted', 400, 'The request was aborted by the client.');
    default:
      return undefined;
  }
}

/**
 * A write that waited the whole busy timeout for another process's write lock (the admin CLI, a
 * second server): 503 with `Retry-After`, since the same request will very likely succeed then.
 */
function fromDatabaseBusy(error: unknown): AppError | undefined {
  // drizzle wraps driver errors on some paths (DrizzleQueryError, with the driver's as `cause`).
  // Matched by shape, not instanceof: a copy of the driver loaded in another realm (Jest runs each
  // test file in its own) throws errors of its own SqliteError class, built on its own Error.
  const driverError = [error, (error as { cause?: unknown } | null)?.cause].find(
    (e): e is { code: string } => (e as { name?: unknown } | null)?.name === 'SqliteError' && typeof (e as { code?: unknown }).code === 'string',
  );
  if (!driverError?.code.startsWith('SQLITE_BUSY')) return undefined;
  return new AppError('database_busy', 503, 'The database is busy with another writer; retry in a moment.', { headers: { 'Retry-After': '1' } });
}

/**
 * Turns every error into `application/problem+json`. `AppError`s keep their status, code and
 * fields; a database busy past its timeout is a 503; anything else becomes a 500 with only a
 * request id, logged in full server-side.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const busy = fromDatabaseBusy(error);
    const known = error instanceof AppError ? error : (busy ?? fromParserError(error as { type?: string }));
    const requestId = String(req.id ?? '');
    if (busy) logger.warn({ err: error, requestId }, 'database busy: write lock held elsewhere past the busy timeout');
    else if (!known) logger.error({ err: error, requestId }, 'unhandled error');
    const problem = known ?? new AppError('internal_error', 500, `An unexpected error occurred (request ${requestId}).`);
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res.status(problem.status).type('application/problem+json').json(problemDetails(req, problem));
  };
}
