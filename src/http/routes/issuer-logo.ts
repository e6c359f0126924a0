import { Router } from 'express';
import type { Db } from '../../db/client.js';
import { findTenantBySlug } from '../../db/tenants-repository.js';
import { notFound } from '../../errors.js';
import { sha256Hex } from '../../security/hashes.js';
import { sendPublicImage } from '../send-public-image.js';

/** `GET /issuers/:slug/logo`: the tenant's uploaded logo (PNG or JPEG), the issuer profile's image. */
export function issuerLogoRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/issuers/:slug/logo', (req, res) => {
    const tenant = findTenantBySlug(deps.db, req.params.slug);
    if (!tenant?.logo || !tenant.logoType) throw notFound('logo_not_found', 'This issuer has no logo.');
    sendPublicImage(req, res, { bytes: tenant.logo, etag: `"${sha256Hex(tenant.logo).slice(0, 32)}"`, type: tenant.logoType });
  });
  return router;
}
