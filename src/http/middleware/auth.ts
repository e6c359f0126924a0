import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/client.js';
import { findApiKeyByPrefix, type ApiKeyRecord } from '../../db/api-keys-repository.js';
import { findTenantById, findTenantBySlug } from '../../db/tenants-repository.js';
import { AppError } from '../../errors.js';
import { decryptSecret } from '../../credentials/secret-box.js';
import { parseApiKey, secretMatchesHash } from '../../security/api-key-token.js';
import { verifyWebhookSignature } from '../../security/webhook-signature.js';
import type { AuthContext } from '../auth-context.js';

/** Scopes an endpoint accepts; `admin` keys are accepted everywhere. */
export type Scope = 'admin' | 'usage';

const unauthorized = (code: string, detail: string) =>
  new AppError(code, 401, detail, { field: 'Authorization', headers: { 'WWW-Authenticate': 'Bearer realm="credence"' } });

/** Extracts a presented key from `Authorization: Bearer <key>` or HTTP Basic (LRS clients). */
export function presentedKey(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? '')) return value.trim();
  if (/^basic$/i.test(scheme ?? '')) {
    // LRS clients send key:secret; accept the key as either half (the other may be empty or repeat it).
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const [user = '', pass = ''] = decoded.split(/:(.*)/s, 2);
    return parseApiKey(user) ? user : pass;
  }
  return undefined;
}

/** Resolves a presented API key to its tenant, or throws 401 (constant-time secret comparison). */
export function authenticateApiKey(db: Db, token: string): AuthContext {
  const parsed = parseApiKey(token);
  const record: ApiKeyRecord | undefined = parsed ? findApiKeyByPrefix(db, parsed.prefix) : undefined;
  if (!parsed || !record || record.revokedAt || !secretMatchesHash(parsed.secret, record.secretHash)) {
    throw unauthorized('invalid_api_key', 'The API key is invalid or revoked.');
  }
  const tenant = findTenantById(db, record.tenantId);
  if (!tenant) throw unauthorized('invalid_api_key', 'The API key is invalid or revoked.');
  return { tenant, apiKey: record, method: 'api_key' };
}

function assertScope(auth: AuthContext, scopes: Scope[]): void {
  const scope = auth.apiKey?.scope;
  if (scope && scope !== 'admin' && !scopes.includes(scope)) {
    throw new AppError('insufficient_scope', 403, `This key may only be used for: ${scope}.`, { field: 'Authorization' });
  }
}

/** Requires a valid API key (Bearer, or Basic for LRS clients) allowed for one of `scopes`. */
export function requireApiKey(db: Db, scopes: Scope[] = ['admin']): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = presentedKey(req);
    if (!token) throw unauthorized('unauthorized', 'Send an API key as "Authorization: Bearer <key>".');
    const auth = authenticateApiKey(db, token);
    assertScope(auth, scopes);
    res.locals.auth = auth;
    next();
  };
}

/**
 * Accepts either an admin API key or an HMAC-signed webhook (`Credence-Tenant: <slug>` and
 * `Credence-Signature: t=<unix>,v1=<hex>` over `t + "." + rawBody`, within a 5-minute window).
 */
export function requireApiKeyOrWebhookSignature(deps: { db: Db; masterKey: Buffer; now: () => Date }): RequestHandler {
  const apiKeyAuth = requireApiKey(deps.db, ['admin']);
  return (req: Request, res: Response, next: NextFunction) => {
    const signature = req.get('credence-signature');
    if (!signature) return apiKeyAuth(req, res, next);
    const slug = req.get('credence-tenant');
    const tenant = slug ? findTenantBySlug(deps.db, slug) : undefined;
    const rawBody = (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
    if (!tenant) throw unauthorized('invalid_signature', 'Send the tenant slug in "Credence-Tenant" with a signed webhook.');
    const result = verifyWebhookSignature({
      header: signature,
      secret: decryptSecret(deps.masterKey, tenant.webhookSecretEnc),
      rawBody,
      now: deps.now(),
    });
    if (!result.ok) {
      throw result.reason === 'expired'
        ? unauthorized('signature_expired', 'The signature timestamp is outside the 5-minute window.')
        : unauthorized('invalid_signature', 'The webhook signature does not match the body.');
    }
    res.locals.auth = { tenant, method: 'webhook_signature' } satisfies AuthContext;
    next();
  };
}
