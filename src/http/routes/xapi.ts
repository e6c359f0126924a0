import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../../errors.js';
import { ingestStatements, type IngestDeps } from '../../usage/ingest-statements.js';
import { authOf } from '../auth-context.js';
import { requireApiKey } from '../middleware/auth.js';
import { statementsBodyParser, statementsOf } from './usage.js';

const XAPI_VERSION = /^1\.0(\.\d+)?$/;

function requireXapiVersion(req: Request, res: Response, next: NextFunction): void {
  const version = req.get('x-experience-api-version');
  if (!version || !XAPI_VERSION.test(version)) {
    throw new AppError('xapi_version_required', 400, 'Send the header X-Experience-API-Version: 1.0.3.', { field: 'X-Experience-API-Version' });
  }
  res.setHeader('X-Experience-API-Version', '1.0.3');
  next();
}

function requireJson(req: Request): void {
  if (!req.is('application/json')) {
    throw new AppError('unsupported_media_type', 415, 'Send statements as application/json.', { field: 'Content-Type' });
  }
}

/**
 * A write-only, LRS-compatible Statements resource, so an existing LRS or xAPI emitter can
 * forward to Credence: `POST /xapi/statements` (one or many; answers the statement ids) and
 * `PUT /xapi/statements?statementId=` (answers 204). Invalid statements fail the whole request,
 * as an LRS must.
 */
export function xapiRouter(deps: IngestDeps): Router {
  const router = Router();
  router.use('/xapi', requireXapiVersion, requireApiKey(deps.db, 'usage:write'), statementsBodyParser);

  const ingestAll = async (res: Response, statements: unknown[]) => {
    const auth = authOf(res);
    // xAPI batches are all or nothing: one invalid statement fails the request before anything is written.
    const result = await ingestStatements(deps, {
      tenantId: auth.tenant.id,
      sourceId: auth.apiKey?.usageSourceId ?? null,
      statements,
      allOrNothing: true,
    });
    return result.ids as string[];
  };

  router.post('/xapi/statements', async (req, res) => {
    requireJson(req);
    res.json(await ingestAll(res, statementsOf(req.body)));
  });

  router.put('/xapi/statements', async (req, res) => {
    requireJson(req);
    const statementId = typeof req.query.statementId === 'string' ? req.query.statementId.toLowerCase() : '';
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(statementId)) {
      throw new AppError('validation_failed', 400, 'statementId must be a UUID.', { field: 'statementId' });
    }
    const body = req.body as Record<string, unknown>;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new AppError('validation_failed', 400, 'PUT takes exactly one statement.', { field: 'body' });
    }
    if (body.id !== undefined && String(body.id).toLowerCase() !== statementId) {
      throw new AppError('validation_failed', 400, 'The statement id differs from statementId.', { field: 'id' });
    }
    await ingestAll(res, [{ ...body, id: statementId }]);
    res.status(204).end();
  });
  return router;
}
