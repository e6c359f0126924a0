import { Router } from 'express';
import { findTenantCertificate, listCertificates, type CertificateCursor } from '../../db/certificates-repository.js';
import { AppError, notFound } from '../../errors.js';
import type { IssuanceDeps } from '../../issuance/issue-certificate.js';
import { presentCertificate } from '../../issuance/present-certificate.js';
import { revokeCredential } from '../../issuance/revoke-credential.js';
import { authOf } from '../auth-context.js';
import { requireApiKeyByMethod } from '../middleware/auth.js';
import { revokeCertificateBody } from '../schemas/certificate-input.js';
import { certificateListQuery } from '../schemas/list-queries.js';
import { parseInput } from '../validate.js';

function encodeCursor(cursor: CertificateCursor): string {
  return Buffer.from(JSON.stringify([cursor.issuedAt, cursor.number])).toString('base64url');
}

function decodeCursor(text: string): CertificateCursor {
  try {
    const [issuedAt, number] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof issuedAt === 'string' && typeof number === 'string') return { issuedAt, number };
  } catch {
    /* fall through to the error below */
  }
  throw new AppError('invalid_cursor', 400, 'cursor is not one this API returned', { field: 'cursor' });
}

/** `/v1/certificates`: the tenant's certificates, tenant-scoped (another tenant's number is a 404). */
export function certificatesRouter(deps: IssuanceDeps): Router {
  const router = Router();
  router.use(requireApiKeyByMethod(deps.db, { GET: 'certificates:read', POST: 'certificates:revoke' }));

  router.get('/', (req, res) => {
    const query = parseInput(certificateListQuery, req.query, 'query');
    const rows = listCertificates(deps.db, {
      tenantId: authOf(res).tenant.id,
      courseId: query.courseId,
      learnerId: query.learnerId,
      limit: query.limit + 1,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const page = rows.slice(0, query.limit);
    const now = deps.now();
    res.json({
      items: page.map((c) => presentCertificate(c, { publicUrl: deps.publicUrl, now, masterKey: deps.masterKey })),
      nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
    });
  });

  router.get('/:number', (req, res) => {
    const certificate = findTenantCertificate(deps.db, authOf(res).tenant.id, req.params.number);
    if (!certificate) throw notFound('certificate_not_found', 'No certificate with this number.');
    res.json(presentCertificate(certificate, { publicUrl: deps.publicUrl, now: deps.now(), masterKey: deps.masterKey }));
  });

  router.post('/:number/revoke', async (req, res) => {
    const { reason } = parseInput(revokeCertificateBody, req.body);
    const certificate = await revokeCredential(deps, { tenant: authOf(res).tenant, number: req.params.number, reason });
    res.json(presentCertificate(certificate, { publicUrl: deps.publicUrl, now: deps.now(), masterKey: deps.masterKey }));
  });

  return router;
}
