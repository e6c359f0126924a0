import { Router } from 'express';
import { findTenantBySlug } from '../../db/tenants-repository.js';
import { notFound } from '../../errors.js';
import { currentStatusList, type StatusListDeps } from '../../issuance/publish-status-list.js';

/** `GET /status/:slug/:listId`: a tenant's signed BitstringStatusListCredential (short cache). */
export function statusListsRouter(deps: StatusListDeps): Router {
  const router = Router();
  router.get('/status/:slug/:listId', async (req, res) => {
    const tenant = findTenantBySlug(deps.db, req.params.slug);
    const json = tenant && /^\d{1,9}$/.test(req.params.listId) ? await currentStatusList(deps, { tenant, listId: req.params.listId }) : undefined;
    if (!json) throw notFound('status_list_not_found', 'No such status list.');
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.type('application/vc+ld+json').send(json);
  });
  return router;
}
