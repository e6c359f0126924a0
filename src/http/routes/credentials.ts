import { Router } from 'express';
import type { Db } from '../../db/client.js';
import { findCertificateByNumber, type CertificateRecord } from '../../db/certificates-repository.js';
import { findCredentialVersion } from '../../db/credential-versions-repository.js';
import { notFound } from '../../errors.js';
import { badgeImage } from '../../issuance/badge-image.js';
import { UUID_PATTERN } from '../schemas/common.js';

function certificateOr404(db: Db, number: string | undefined): CertificateRecord {
  const certificate = number && UUID_PATTERN.test(number) ? findCertificateByNumber(db, number) : undefined;
  if (!certificate) throw notFound('certificate_not_found', 'No certificate with this number.');
  return certificate;
}

/**
 * Public credential downloads: `GET /credentials/:number` (OB 3.0 JSON-LD of the current
 * version, byte for byte as issued), `/credentials/:number.jwt` (VC-JWT),
 * `/credentials/:number/versions/:n` (any version) and `/credentials/:number/badge.png` (baked).
 */
export function credentialsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/credentials/:file', (req, res) => {
    const file = req.params.file.toLowerCase();
    const isJwt = file.endsWith('.jwt');
    const certificate = certificateOr404(deps.db, isJwt ? file.slice(0, -4) : file.replace(/\.json$/, ''));
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (isJwt) res.type('application/vc+jwt').send(certificate.credentialJwt);
    else res.type('application/ld+json').send(certificate.credentialJson);
  });
  router.get('/credentials/:number/versions/:version', (req, res) => {
    const certificate = certificateOr404(deps.db, req.params.number.toLowerCase());
    const version = Number(req.params.version);
    const json =
      version === certificate.version
        ? certificate.credentialJson
        : Number.isInteger(version) && version > 0
          ? findCredentialVersion(deps.db, certificate.number, version)?.credentialJson
          : undefined;
    if (!json) throw notFound('credential_version_not_found', 'No such version of this credential.');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.type('application/ld+json').send(json);
  });
  router.get('/credentials/:number/badge.png', async (req, res) => {
    const certificate = certificateOr404(deps.db, req.params.number.toLowerCase());
    const png = await badgeImage(deps, certificate);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Content-Disposition', `inline; filename="badge-${certificate.number}.png"`);
    res.type('image/png').send(png);
  });
  return router;
}
