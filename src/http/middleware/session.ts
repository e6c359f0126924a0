import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../../security/derived-key.js';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/client.js';
import { findApiKeyByPrefix } from '../../db/api-keys-repository.js';
import { findTenantById } from '../../db/tenants-repository.js';
import type { AuthContext } from '../auth-context.js';
import { scopesOfApiKey } from '../scopes.js';
import { presentedKey, requireApiKey } from './auth.js';

/** Name of the dashboard session cookie. */
export const SESSION_COOKIE = 'credence_session';
/** Sessions end 8 hours after sign-in (a working day), whatever happens in between. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** What a session needs: the database (to re-check the key), the master key and the clock. */
export interface SessionDeps {
  db: Db;
  masterKey: Buffer;
  now: () => Date;
  publicUrl: string;
}

/** Signed dashboard sessions: the cookie holds tenant id, API key prefix and expiry, HMAC-signed. */
export interface Sessions {
  /** Sets the session cookie for an admin key's tenant. */
  start(res: Response, auth: AuthContext): void;
  /** Clears the session cookie. */
  end(res: Response): void;
  /** The session's tenant, or undefined when absent, forged, expired, or its key revoked. */
  read(req: Request): AuthContext | undefined;
}

interface SessionPayload {
  /** Tenant id. */
  t: string;
  /** API key prefix: re-checked on every request, so revoking the key ends the session. */
  k: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}

/** The value of cookie `name` in the request, if sent. */
function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function parsePayload(text: string): SessionPayload | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<SessionPayload>;
    return typeof value.t === 'string' && typeof value.k === 'string' && typeof value.e === 'number' ? (value as SessionPayload) : undefined;
  } catch {
    return undefined; // a tampered cookie is simply no session
  }
}

/** Creates the session helpers; the signing key is derived from the master key (HKDF), never stored. */
export function createSessions(deps: SessionDeps): Sessions {
  const key = deriveKey(deps.masterKey, 'credence/dashboard-session/v1');
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: deps.publicUrl.startsWith('https:'), path: '/' };

  return {
    start(res, auth) {
      if (!auth.apiKey) throw new TypeError('a dashboard session needs an API key');
      const payload: SessionPayload = { t: auth.tenant.id, k: auth.apiKey.prefix, e: deps.now().getTime() + SESSION_TTL_MS };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      res.cookie(SESSION_COOKIE, `${body}.${sign(body).toString('base64url')}`, { ...cookieOptions, maxAge: SESSION_TTL_MS });
    },
    end(res) {
      res.clearCookie(SESSION_COOKIE, cookieOptions);
    },
    read(req) {
      const [body = '', mac = ''] = (cookieValue(req, SESSION_COOKIE) ?? '').split('.');
      const presented = Buffer.from(mac, 'base64url');
      const expected = sign(body);
      if (!body || presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
      const payload = parsePayload(body);
      if (!payload || payload.e <= deps.now().getTime()) return undefined;
      const apiKey = findApiKeyByPrefix(deps.db, payload.k);
      if (!apiKey || apiKey.revokedAt || apiKey.tenantId !== payload.t || apiKey.scope !== 'admin') return undefined;
      const tenant = findTenantById(deps.db, payload.t);
      return tenant ? { tenant, apiKey, method: 'api_key', scopes: scopesOfApiKey('admin') } : undefined;
    },
  };
}

/**
 * Accepts an admin API key, or else a dashboard session cookie (so the dashboard's CSV links
 * work in a browser). A request that sends an Authorization header is judged on it alone.
 */
export function requireApiKeyOrSession(deps: SessionDeps): RequestHandler {
  const apiKeyAuth = requireApiKey(deps.db, 'analytics:read');
  const sessions = createSessions(deps);
  return (req: Request, res: Response, next: NextFunction) => {
    const session = presentedKey(req) === undefined ? sessions.read(req) : undefined;
    if (!session) return apiKeyAuth(req, res, next);
    res.locals.auth = session;
    next();
  };
}
