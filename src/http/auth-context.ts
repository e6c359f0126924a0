import type { Response } from 'express';
import type { ApiKeyRecord } from '../db/api-keys-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import type { Scope } from './scopes.js';

/** Who is calling: the tenant, and the API key or OAuth client used (neither for HMAC-signed webhooks). */
export interface AuthContext {
  tenant: Tenant;
  apiKey?: ApiKeyRecord;
  /** The OAuth client whose access token was presented (`method: 'oauth_token'`). */
  clientId?: string;
  method: 'api_key' | 'webhook_signature' | 'oauth_token';
  /** What this caller may do. */
  scopes: readonly Scope[];
}

/** The authenticated caller of this request; a route without auth middleware is a programmer error. */
export function authOf(res: Response): AuthContext {
  const auth = res.locals.auth as AuthContext | undefined;
  if (!auth) throw new TypeError('authOf() used on a route without authentication middleware');
  return auth;
}
