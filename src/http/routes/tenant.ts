import { Router } from 'express';
import type { Db } from '../../db/client.js';
import { changeTenantSettings, presentTenantSettings } from '../../tenants/tenant-settings.js';
import { authOf } from '../auth-context.js';
import { requireApiKeyByMethod } from '../middleware/auth.js';
import { updateTenantBody } from '../schemas/tenant-input.js';
import { parseInput } from '../validate.js';

/**
 * `/v1/tenant` (admin API key): `GET` the calling tenant's settings, `PATCH` its branding
 * (display name, colours, logo, LinkedIn organisation id, website) and usage visibility.
 */
export function tenantRouter(deps: { db: Db; publicUrl: string }): Router {
  const router = Router();
  router.use(requireApiKeyByMethod(deps.db, { GET: 'tenant:read', PATCH: 'tenant:write' }));

  router.get('/', (_req, res) => {
    res.json(presentTenantSettings(deps, authOf(res).tenant));
  });

  router.patch('/', (req, res) => {
    const changes = parseInput(updateTenantBody, req.body);
    const tenant = changeTenantSettings(deps, authOf(res).tenant, changes);
    res.json(presentTenantSettings(deps, tenant));
  });
  return router;
}
