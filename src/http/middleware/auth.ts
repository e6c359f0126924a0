import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/client.js';
import { findRecentApiKeyByPrefix, type ApiKeyRecord } from '../../db/api-keys-repository.js';
import { cachedTenant, cachedTenantBySlug } from '../../tenants/tenant-cache.js';
import { AppError } from '../../errors.js';
import { decryptSecretRemembered } from '../../credentials/secret-box.js';
import { parseApiKey, secretMatchesHash } from '../../security/api-key-token.js';
import { verifyWebhookSignature } from '../../security/webhook-signature.js';
import { authenticateAccessToken, looksLikeJwt } from '../../oauth/access-token-auth.js';
import type { AuthContext } from '../auth-context.js';
import { scopesOfApiKey, type Scope } from '../scopes.js';


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
  const record: ApiKeyRecord | undefined = parsed ? findRecentApiKeyByPrefix(db, parsed.prefix) : undefined;
  if (!parsed || !record || record.revokedAt || !secretMatchesHash(parsed.secret, record.secretHash)) {
    throw unauthorized('invalid_api_key', 'The API key is invalid or revoked.');
  }
  const tenant = cachedTenant(db, record.tenantId);
  if (!tenant) throw unauthorized('invalid_api_key', 'The API key is invalid or revoked.');
  return { tenant, apiKey: record, method: 'api_key', scopes: scopesOfApiKey(record.scope) };
}

/**
 * Resolves a presented Bearer value to its caller: an OAuth access token (a JWT) or else an API
 * key. Throws 401 `invalid_token` or `invalid_api_key`.
 */
export async function authenticateCredential(db: Db, token: string): Promise<AuthContext> {
  if (!looksLikeJwt(token)) return authenticateApiKey(db, token);
  const caller = await authenticateAccessToken(db, token);
  return { tenant: caller.tenant, clientId: caller.client.clientId, method: 'oauth_token', scopes: caller.scopes };
}

/** Each request's authentication, done once and shared by the rate limiter and the route. */
const authByRequest = new WeakMap<Request, Promise<AuthContext>>();

function authenticateRequest(db: Db, req: Request, token: string): Promise<AuthContext> {
  let auth = authByRequest.get(req);
  if (!auth) {
    auth = authenticateCredential(db, token);
    authByRequest.set(req, auth);
  }
  return auth;
}

/**
 * Who is calling, once their credential is verified: `key:<prefix>` for an API key,
 * `client:<id>` for an OAuth token; undefined when nothing valid is presented. Used to give
 * each caller its own rate-limit budget: an unverified claim never picks a budget.
 */
export async function verifiedCaller(db: Db, req: Request): Promise<string | undefined> {
  const token = presentedKey(req);
  if (!token) return undefined;
  try {
    const auth = await authenticateRequest(db, req, token);
    return auth.apiKey ? `key:${auth.apiKey.prefix}` : auth.clientId ? `client:${auth.clientId}` : undefined;
  } catch {
    return undefined;
  }
}

/** Throws 403 `insufficient_scope` unless the caller holds `scope`. */
export function assertScope(auth: AuthContext, scope: Scope): void {
  if (!auth.scopes.includes(scope)) {
    throw new AppError('insufficient_scope', 403, `This credential does not grant the "${scope}" scope.`, {
      field: 'Authorization',
      headers: { 'WWW-Authenticate': `Bearer realm="credence", error="insufficient_scope", scope="${scope}"` },
    });
  }
}

/**
 * Requires a valid API key (Bearer, or Basic for LRS clients) or OAuth access token (Bearer)
 * that grants `scope`.
 */
export function requireApiKey(db: Db, scope: Scope): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = presentedKey(req);
    if (!token) throw unauthorized('unauthorized', 'Send an API key or access token as "Authorization: Bearer <token>".');
    const auth = await authenticateRequest(db, req, token);
    assertScope(auth, scope);
    res.locals.auth = auth;
    next();
  };
}

/**
 * Requires a valid API key whose scopes cover the request's method, e.g.
 * `{ GET: 'courses:read', POST: 'courses:write' }`; a method not listed is refused with 405.
 */
export function requireApiKeyByMethod(db: Db, scopes: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Scope>>): RequestHandler {
  const byMethod = new Map(Object.entries(scopes).map(([method, scope]) => [method, requireApiKey(db, scope)]));
  return (req, res, next) => {
    const handler = byMethod.get(req.method === 'HEAD' ? 'GET' : req.method);
    if (!handler) throw new AppError('method_not_allowed', 405, `${req.method} is not supported here.`, { headers: { Allow: [...byMethod.keys()].join(', ') } });
    return handler(req, res, next);
  };
}

/**
 * Accepts either an admin API key or an HMAC-signed webhook (`Credence-Tenant: <slug>` and
 * `Credence-Signature: t=<unix>,v1=<hex>` over `t + "." + rawBody`, within a 5-minute window).
 */
export function requireApiKeyOrWebhookSignature(deps: { db: Db; masterKey: Buffer; now: () => Date }): RequestHandler {
  const apiKeyAuth = requireApiKey(deps.db, 'completions:write');
  return (req: Request, res: Response, next: NextFunction) => {
    const signature = req.get('credence-signature');
    if (!signature) return apiKeyAuth(req, res, next);
    const slug = req.get('credence-tenant');
    const tenant = slug ? cachedTenantBySlug(deps.db, slug) : undefined;
    const rawBody = (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
    if (!tenant) throw unauthorized('invalid_signature', 'Send the tenant slug in "Credence-Tenant" with a signed webhook.');
    const result = verifyWebhookSignature({
      header: signature,
      secret: decryptSecretRemembered(deps.masterKey, tenant.webhookSecretEnc),
      rawBody,
      now: deps.now(),
    });
    if (!result.ok) {
      throw result.reason === 'expired'
        ? unauthorized('signature_expired', 'The signature timestamp is outside the 5-minute window.')
        : unauthorized('invalid_signature', 'The webhook signature does not match the body.');
    }
    res.locals.auth = { tenant, method: 'webhook_signature', scopes: ['completions:write'] } satisfies AuthContext;
    next();
  };
}
