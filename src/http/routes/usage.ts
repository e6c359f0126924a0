import express, { Router } from 'express';
import { listUsageSources } from '../../db/usage-sources-repository.js';
import { AppError } from '../../errors.js';
import { ingestStatements, type IngestDeps } from '../../usage/ingest-statements.js';
import { createUsageSource } from '../../usage/usage-sources.js';
import { authOf } from '../auth-context.js';
import { requireApiKey } from '../middleware/auth.js';
import { createUsageSourceBody } from '../schemas/usage-source-input.js';
import { parseInput } from '../validate.js';

/** Statement batches may be larger than ordinary bodies: 1,000 statements of a few KB each. */
export const STATEMENTS_BODY_LIMIT = '5mb';

/** Parses a statements body (JSON object or array) with its own, larger limit. */
export const statementsBodyParser = express.json({ limit: STATEMENTS_BODY_LIMIT, type: ['application/json', 'application/*+json'] });

/** The statements of a request body: one statement object or an array of them. */
export function statementsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') return [body];
  throw new AppError('validation_failed', 400, 'Send one xAPI statement object or an array of them.', { field: 'body' });
}

/** `/v1/usage/statements` (usage or admin key) and `/v1/usage-sources` (admin key). */
export function usageRouter(deps: IngestDeps & { now: () => Date }): Router {
  const router = Router();

  router.post('/usage/statements', requireApiKey(deps.db, 'usage:write'), async (req, res) => {
    if (!req.is('application/json')) {
      throw new AppError('unsupported_media_type', 415, 'Send statements as application/json.', { field: 'Content-Type' });
    }
    const auth = authOf(res);
    const result = await ingestStatements(deps, {
      tenantId: auth.tenant.id,
      sourceId: auth.apiKey?.usageSourceId ?? null,
      statements: statementsOf(req.body),
    });
    res.json({ accepted: result.accepted, duplicates: result.duplicates, unmatched: result.unmatched, rejected: result.rejected });
  });

  router.post('/usage-sources', requireApiKey(deps.db, 'usage-sources:manage'), (req, res) => {
    const { name } = parseInput(createUsageSourceBody, req.body);
    const created = createUsageSource(deps, { tenantId: authOf(res).tenant.id, name });
    res.status(201).json(created);
  });

  router.get('/usage-sources', requireApiKey(deps.db, 'usage-sources:manage'), (_req, res) => {
    const items = listUsageSources(deps.db, authOf(res).tenant.id).map(({ id, name, createdAt }) => ({ id, name, createdAt }));
    res.json({ items });
  });

  return router;
}
