/**
 * OAuth 2.0 access tokens as JWTs (RFC 9068 profile): EdDSA, header `typ: at+jwt`, claims `iss`,
 * `sub` and `client_id` (the client), `aud`, `scope`, `tenant_id`, `iat`, `exp` and `jti`.
 */
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors.js';
import { isScope, type Scope } from '../http/scopes.js';
import type { TokenSigningKey, TokenVerificationKey } from './token-signing-key.js';

/** The JOSE `typ` of access tokens (RFC 9068 §2.1). */
const ACCESS_TOKEN_TYPE = 'at+jwt';

/** Options of {@link mintAccessToken}. */
export interface MintAccessTokenOptions {
  key: TokenSigningKey;
  issuer: string;
  audience: string;
  clientId: string;
  tenantId: string;
  scopes: readonly Scope[];
  now: Date;
  lifetimeSeconds: number;
}

/** Signs an access token for a client of a tenant, valid from `now` for `lifetimeSeconds`. */
export async function mintAccessToken(options: MintAccessTokenOptions): Promise<string> {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  return new SignJWT({ client_id: options.clientId, scope: options.scopes.join(' '), tenant_id: options.tenantId })
    .setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid: options.key.kid })
    .setIssuer(options.issuer)
    .setSubject(options.clientId)
    .setAudience(options.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.lifetimeSeconds)
    .setJti(randomUUID())
    .sign(options.key.privateKey);
}

/** What a valid access token grants. */
export interface VerifiedAccessToken {
  clientId: string;
  tenantId: string;
  scopes: Scope[];
}

/** Options of {@link verifyAccessToken}. */
export interface VerifyAccessTokenOptions {
  /** This server's token key with that id, or undefined. */
  findKey: (kid: string) => TokenVerificationKey | undefined;
  /** This server's issuer identifier (its public URL); also the only audience it serves. */
  issuer: string;
  now: Date;
}

/** 401 `invalid_token` with the RFC 6750 §3 challenge. */
export function invalidToken(detail: string): AppError {
  return new AppError('invalid_token', 401, detail, {
    field: 'Authorization',
    headers: { 'WWW-Authenticate': `Bearer realm="credence", error="invalid_token", error_description="${detail}"` },
  });
}

function kidOf(token: string): string {
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg === 'EdDSA' && typeof header.kid === 'string') return header.kid;
  } catch {
    // Falls through to the refusal below: the header is not readable JSON.
  }
  throw invalidToken('The access token is malformed or not signed by this server.');
}

/**
 * Checks an access token's signature (EdDSA only, a key of this server), `typ`, issuer,
 * audience, expiry and claims. A retired key verifies only tokens it signed before retirement.
 * @throws AppError 401 `invalid_token` for anything else.
 */
export async function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): Promise<VerifiedAccessToken> {
  const key = options.findKey(kidOf(token));
  if (!key) throw invalidToken('The access token is malformed or not signed by this server.');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ['EdDSA'],
      typ: ACCESS_TOKEN_TYPE,
      issuer: options.issuer,
      audience: options.issuer,
      currentDate: options.now,
      requiredClaims: ['iat', 'exp', 'jti', 'sub'],
    }));
  } catch (error) {
    const expired = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED';
    throw invalidToken(expired ? 'The access token has expired.' : 'The access token is invalid.');
  }
  const { sub, client_id: clientId, tenant_id: tenantId, scope, iat } = payload;
  if (typeof clientId !== 'string' || clientId !== sub || typeof tenantId !== 'string' || typeof scope !== 'string') {
    throw invalidToken('The access token is invalid.');
  }
  if (key.retiredAt && Number(iat) * 1000 >= Date.parse(key.retiredAt)) throw invalidToken('The access token is invalid.');
  return { clientId, tenantId, scopes: scope.split(' ').filter(isScope) };
}
