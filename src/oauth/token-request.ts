/** The client credentials grant (RFC 6749 §4.4): authenticates a client and mints its token. */
import type { Db } from '../db/client.js';
import { isScope, type Scope } from '../http/scopes.js';
import { mintAccessToken } from './access-tokens.js';
import { authenticateOAuthClient } from './oauth-clients.js';
import { oauthError } from './oauth-error.js';
import { loadOrCreateTokenSigningKey } from './token-signing-key.js';

/** What the token endpoint needs. */
export interface OAuthDeps {
  db: Db;
  masterKey: Buffer;
  now: () => Date;
  /** This instance's public URL (no trailing slash): the token issuer and the only audience it serves. */
  publicUrl: string;
  /** Lifetime of access tokens in seconds (default one hour). */
  accessTokenLifetimeSeconds?: number;
}

/** A client credentials token request, after client authentication was extracted. */
export interface ClientCredentialsRequest {
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes; absent means every scope the client holds. */
  scope?: string;
  /** The resource server the token is for; absent means this server. */
  audience?: string;
}

/** The successful token response (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

const DEFAULT_LIFETIME_SECONDS = 3600;


/**
 * The scopes to grant: the requested ones when the client holds them all, else every scope the
 * client holds. @throws `invalid_scope` for an unknown scope or one the client was not given.
 */
export function grantedScopes(requested: string | undefined, clientScopes: readonly string[]): Scope[] {
  const held = clientScopes.filter(isScope);
  if (requested === undefined) return held;
  const names = [...new Set(requested.split(' ').filter(Boolean))];
  for (const name of names) {
    if (!isScope(name)) throw oauthError('invalid_scope', `Unknown scope "${name}".`, 'scope');
    if (!held.includes(name)) throw oauthError('invalid_scope', `This client may not request the "${name}" scope.`, 'scope');
  }
  return names as Scope[];
}

/**
 * The token's audience: this server, the only resource server it issues tokens for.
 * @throws `invalid_grant` for any other audience.
 */
export function grantedAudience(requested: string | undefined, publicUrl: string): string {
  if (requested === undefined || requested.replace(/\/+$/, '') === publicUrl) return publicUrl;
  throw oauthError('invalid_grant', `This server issues tokens only for the audience "${publicUrl}".`, 'audience');
}

/**
 * Grants an access token to an authenticated client.
 * @throws `invalid_client` (unknown, revoked or wrong secret), `invalid_scope`, `invalid_grant`.
 */
export async function grantClientCredentials(deps: OAuthDeps, request: ClientCredentialsRequest): Promise<TokenResponse> {
  const client = authenticateOAuthClient(deps.db, request);
  if (!client) throw oauthError('invalid_client', 'Client authentication failed.', 'client_id');
  const scopes = grantedScopes(request.scope, client.scopes);
  const audience = grantedAudience(request.audience, deps.publicUrl);
  const lifetimeSeconds = deps.accessTokenLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  const accessToken = await mintAccessToken({
    key: loadOrCreateTokenSigningKey(deps),
    issuer: deps.publicUrl,
    audience,
    clientId: client.clientId,
    tenantId: client.tenantId,
    scopes,
    now: deps.now(),
    lifetimeSeconds,
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: lifetimeSeconds, scope: scopes.join(' ') };
}
