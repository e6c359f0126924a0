import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../../security/derived-key.js';
import { sha256Hex } from '../../security/hashes.js';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/client.js';
import {
  deleteDashboardSession,
  deleteDeadDashboardSessions,
  findLiveDashboardSession,
  insertDashboardSession,
} from '../../db/dashboard-sessions-repository.js';
import type { AuthContext } from '../auth-context.js';
import { scopesOfApiKey } from '../scopes.js';
import { presentedKey, requireApiKey } from './auth.js';

/** Name of the dashboard session cookie. */
export const SESSION_COOKIE = 'credence_session';
/** Sessions end 8 hours after sign-in (a working day), whatever happens in between. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/**
 * What a session needs: the clock, the master key, the public URL (Secure cookies on https) and
 * the database that holds the sessions. Reading works on a read-only connection; `start` and
 * `end` write, so the dashboard passes the writable one.
 */
export interface SessionDeps {
  db: Db;
  masterKey: Buffer;
  now: () => Date;
  publicUrl: string;
}

/**
 * Server-side dashboard sessions.
 *
 * The cookie (httpOnly, SameSite=Lax, Secure on https, 8 hours) carries only a random 256-bit
 * session id and an HMAC of it (key derived from the master key): nothing about the tenant or
 * the key. The database keeps the SHA-256 of the id, never the id, beside the tenant, the admin
 * API key that signed in and the expiry. A session is live while its row exists, has not
 * expired and its key is not revoked, checked on every request; so signing out (which deletes
 * the row) ends it for every copy of the cookie, and revoking the key ends it at once. The HMAC
 * turns away forged or tampered cookies before any database lookup; the lookup by hash needs no
 * constant-time comparison, since the hash of a guess reveals nothing about the real id.
 * Expired sessions, and those of revoked keys, are deleted at the next sign-in.
 */
export interface Sessions {
  /**
   * Opens a session for an admin key's tenant and sets its cookie. A session the request already
   * carried ends, so no earlier copy of this browser's cookie stays valid.
   */
  start(req: Request, res: Response, auth: AuthContext): void;
  /** Ends the request's session server-side (if it has one) and clears the cookie. */
  end(req: Request, res: Response): void;
  /** The session's tenant and key, or undefined when absent, forged, unknown, ended, expired, or its key revoked. */
  read(req: Request): AuthContext | undefined;
}

/** A session id: 32 random bytes, base64url (43 characters). */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The value of cookie `name` in the request, if sent. */
function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Creates the session helpers; the cookie's HMAC key is derived from the master key (HKDF), never stored. */
export function createSessions(deps: SessionDeps): Sessions {
  const key = deriveKey(deps.masterKey, 'credence/dashboard-session/v1');
  const sign = (id: string) => createHmac('sha256', key).update(id).digest();
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: deps.publicUrl.startsWith('https:'), path: '/' };

  /** The id of the request's cookie when it is well-formed and its HMAC matches; a tampered cookie is simply no session. */
  const sessionId = (req: Request): string | undefined => {
    const parts = (cookieValue(req, SESSION_COOKIE) ?? '').split('.');
    if (parts.length !== 2) return undefined;
    const [id = '', mac = ''] = parts;
    if (!SESSION_ID.test(id)) return undefined;
    const presented = Buffer.from(mac, 'base64url');
    const expected = sign(id);
    return presented.length === expected.length && timingSafeEqual(presented, expected) ? id : undefined;
  };

  return {
    start(req, res, auth) {
      if (!auth.apiKey) throw new TypeError('a dashboard session needs an API key');
      const previous = sessionId(req);
      if (previous) deleteDashboardSession(deps.db, sha256Hex(previous));
      const now = deps.now();
      deleteDeadDashboardSessions(deps.db, now.toISOString());
      const id = randomBytes(32).toString('base64url');
      insertDashboardSession(deps.db, {
        idHash: sha256Hex(id),
        tenantId: auth.tenant.id,
        apiKeyId: auth.apiKey.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      });
      res.cookie(SESSION_COOKIE, `${id}.${sign(id).toString('base64url')}`, { ...cookieOptions, maxAge: SESSION_TTL_MS });
    },
    end(req, res) {
      const id = sessionId(req);
      if (id) deleteDashboardSession(deps.db, sha256Hex(id));
      res.clearCookie(SESSION_COOKIE, cookieOptions);
    },
    read(req) {
      const id = sessionId(req);
      if (!id) return undefined;
      const live = findLiveDashboardSession(deps.db, { idHash: sha256Hex(id), now: deps.now().toISOString() });
      return live ? { tenant: live.tenant, apiKey: live.apiKey, method: 'api_key', scopes: scopesOfApiKey('admin') } : undefined;
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
