/**
 * Accepting OAuth access tokens on tenant routes. `requireApiKey(db, scope)` only has the
 * database handle, so the app registers, per handle, the issuer it mints tokens as and its clock.
 */
import type { Db } from '../db/client.js';
import { findOAuthClient, type OAuthClientRecord } from '../db/oauth-clients-repository.js';
import { findTenantById, type Tenant } from '../db/tenants-repository.js';
import type { Scope } from '../http/scopes.js';
import { invalidToken, verifyAccessToken } from './access-tokens.js';
import { findTokenVerificationKey } from './token-signing-key.js';

/** What the token checks need beyond the database: who this server is, and what time it is. */
export interface AccessTokenSettings {
  /** The instance's public URL: the `iss` of its tokens and the only `aud` it serves. */
  issuer: string;
  now: () => Date;
}

const settingsByDb = new WeakMap<Db, AccessTokenSettings>();

/** Lets tenant routes on `db` accept access tokens issued as `settings.issuer`. */
export function acceptAccessTokens(db: Db, settings: AccessTokenSettings): void {
  settingsByDb.set(db, settings);
}

/** The caller an access token stands for. */
export interface AccessTokenCaller {
  tenant: Tenant;
  client: OAuthClientRecord;
  scopes: Scope[];
}

/** True for a value shaped like a compact JWS (API keys never contain a dot). */
export function looksLikeJwt(value: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);
}

/**
 * Verifies an access token and checks, at every request, that its client still exists, is not
 * revoked and belongs to the token's tenant, so a revocation takes effect at once.
 * @throws AppError 401 `invalid_token`; tokens are refused on a handle that never accepted them.
 */
export async function authenticateAccessToken(db: Db, token: string): Promise<AccessTokenCaller> {
  const settings = settingsByDb.get(db);
  if (!settings) throw invalidToken('This server does not accept access tokens.');
  const verified = await verifyAccessToken(token, {
    findKey: (kid) => findTokenVerificationKey(db, kid),
    issuer: settings.issuer,
    now: settings.now(),
  });
  const client = findOAuthClient(db, verified.clientId);
  const tenant = client && !client.revokedAt && client.tenantId === verified.tenantId ? findTenantById(db, client.tenantId) : undefined;
  if (!client || !tenant) throw invalidToken('The access token\'s client is revoked or unknown.');
  return { tenant, client, scopes: verified.scopes };
}
