import { Router } from 'express';
import type { Db } from '../../db/client.js';
import { findTenantBySlug } from '../../db/tenants-repository.js';
import { notFound } from '../../errors.js';
import { CONTEXT_URLS } from '../../credentials/document-loader.js';
import { didWebForIssuer, publicKeyJwk } from '../../credentials/issuer-keys.js';
import { buildIssuerProfile, withOtherIdentifiers } from '../../credentials/issuer-profile.js';
import { listSigningKeys } from '../../db/signing-keys-repository.js';
import { issuerDidDocument } from '../../verification/local-did-resolver.js';
import { tenantDidKeys } from '../../vc-api/issuer-identifiers.js';

/**
 * Issuer identity, public: `GET /issuers/:slug` (OB 3.0 Profile), `/issuers/:slug/did.json`
 * (did:web document with Multikey and JsonWebKey methods) and `/issuers/:slug/jwks.json`.
 */
export function issuersRouter(deps: { db: Db; publicUrl: string }): Router {
  const router = Router();
  const tenantOr404 = (slug: string) => {
    const tenant = findTenantBySlug(deps.db, slug);
    if (!tenant) throw notFound('issuer_not_found', 'No issuer with this name.');
    return tenant;
  };
  router.use('/issuers', (_req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'public, max-age=300');
    next();
  });

  router.get('/issuers/:slug', (req, res) => {
    const tenant = tenantOr404(req.params.slug);
    const profile = withOtherIdentifiers(buildIssuerProfile(deps.publicUrl, tenant), tenantDidKeys(deps.db, tenant.id));
    res.type('application/ld+json').json({ '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3], ...profile });
  });

  router.get('/issuers/:slug/did.json', (req, res) => {
    const document = issuerDidDocument(deps.db, { publicUrl: deps.publicUrl, slug: req.params.slug });
    if (!document) throw notFound('issuer_not_found', 'No issuer with this name.');
    res.type('application/did+json').json(document);
  });

  router.get('/issuers/:slug/jwks.json', (req, res) => {
    const tenant = tenantOr404(req.params.slug);
    const did = didWebForIssuer(deps.publicUrl, tenant.slug);
    const keys = listSigningKeys(deps.db, tenant.id).map((k) => ({
      ...publicKeyJwk(k.publicKeyMultibase),
      kid: `${did}#${k.keyId}`,
      use: 'sig',
      alg: 'EdDSA',
    }));
    res.type('application/jwk-set+json').json({ keys });
  });
  return router;
}
