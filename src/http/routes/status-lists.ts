import { Router, type Response } from 'express';
import { findTenantBySlug } from '../../db/tenants-repository.js';
import { notFound } from '../../errors.js';
import { didKeyStatusList } from '../../issuance/did-key-status-list.js';
import { currentStatusList, type StatusListDeps } from '../../issuance/publish-status-list.js';

const LIST_ID = /^\d{1,9}$/;
const ED25519_MULTIKEY = /^z6Mk[1-9A-HJ-NP-Za-km-z]{40,50}$/;

/**
 * A tenant's signed BitstringStatusListCredentials (short cache): `GET /status/:slug/:listId`
 * signed as its did:web, and `GET /status/:slug/:listId/:key` the same list signed as the
 * did:key of one of its keys (for credentials issued as that did:key).
 */
export function statusListsRouter(deps: StatusListDeps): Router {
  const router = Router();
  const send = (res: Response, json: string | undefined) => {
    if (!json) throw notFound('status_list_not_found', 'No such status list.');
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.type('application/vc+ld+json').send(json);
  };
  router.get('/status/:slug/:listId', async (req, res) => {
    const tenant = findTenantBySlug(deps.db, req.params.slug);
    send(res, tenant && LIST_ID.test(req.params.listId) ? await currentStatusList(deps, { tenant, listId: req.params.listId }) : undefined);
  });
  router.get('/status/:slug/:listId/:key', async (req, res) => {
    const tenant = findTenantBySlug(deps.db, req.params.slug);
    const { listId, key } = req.params;
    send(res, tenant && LIST_ID.test(listId) && ED25519_MULTIKEY.test(key) ? await didKeyStatusList(deps, { tenant, listId, publicKeyMultibase: key }) : undefined);
  });
  return router;
}
