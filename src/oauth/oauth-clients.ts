/** Registering, listing, revoking and authenticating OAuth 2.0 clients of a tenant. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import {
  findOAuthClient, insertOAuthClient, listOAuthClients as listClientRows, revokeOAuthClient as revokeClientRow,
  type OAuthClientRecord,
} from '../db/oauth-clients-repository.js';
import { AppError, notFound } from '../errors.js';
import { isScope, type Scope } from '../http/scopes.js';
import { hashSecret, secretMatchesHash } from '../security/api-key-token.js';

/** What the client use cases need. */
export interface OAuthClientDeps {
  db: Db;
  now: () => Date;
}

/** A new client's credentials, shown once: only the hash of the secret is stored. */
export interface CreatedOAuthClient {
  clientId: string;
  clientSecret: string;
}

/** A client as listed to its tenant (no secret, no hash). */
export interface OAuthClientSummary {
  clientId: string;
  name: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** Hash compared against when the client id is unknown, so the answer takes as long either way. */
const UNKNOWN_CLIENT_HASH = hashSecret('');

/**
 * Checks space- or list-given scope names against the scope vocabulary.
 * @throws AppError 400 `invalid_scope` naming the first unknown scope, or when none is given.
 */
export function parseScopeList(scopes: readonly string[]): Scope[] {
  const unknown = scopes.find((scope) => !isScope(scope));
  if (unknown !== undefined) throw new AppError('invalid_scope', 400, `Unknown scope "${unknown}".`, { field: 'scopes' });
  if (scopes.length === 0) throw new AppError('invalid_scope', 400, 'Give the client at least one scope.', { field: 'scopes' });
  return [...new Set(scopes)] as Scope[];
}

/** Registers a client of the tenant allowed to request `scopes`; returns its id and secret once. */
export function createOAuthClient(deps: OAuthClientDeps, input: { tenantId: string; scopes: readonly string[]; name?: string }): CreatedOAuthClient {
  const scopes = parseScopeList(input.scopes);
  const clientId = `crd_client_${randomBytes(8).toString('hex')}`;
  const clientSecret = `crd_secret_${randomBytes(32).toString('base64url')}`;
  insertOAuthClient(deps.db, {
    clientId,
    tenantId: input.tenantId,
    name: input.name ?? 'OAuth client',
    secretHash: hashSecret(clientSecret),
    scopes,
    createdAt: deps.now().toISOString(),
  });
  return { clientId, clientSecret };
}

/** The tenant's clients, oldest first, without secrets. */
export function listOAuthClients(deps: OAuthClientDeps, tenantId: string): OAuthClientSummary[] {
  return listClientRows(deps.db, tenantId).map(({ clientId, name, scopes, createdAt, revokedAt }) => ({ clientId, name, scopes, createdAt, revokedAt }));
}

/**
 * Revokes a client of the tenant: its tokens stop working at once.
 * @throws AppError 404 `client_not_found` when the tenant has no such active client.
 */
export function revokeOAuthClient(deps: OAuthClientDeps, input: { tenantId: string; clientId: string }): { clientId: string; revoked: true } {
  const revoked = revokeClientRow(deps.db, { ...input, at: deps.now().toISOString() });
  if (!revoked) throw notFound('client_not_found', `No active client "${input.clientId}" in this tenant.`);
  return { clientId: input.clientId, revoked: true };
}

/**
 * The active client with this id and secret, or undefined. The secret is compared in constant
 * time, and against a dummy hash for unknown ids, so timing does not reveal which ids exist.
 */
export function authenticateOAuthClient(db: Db, credentials: { clientId: string; clientSecret: string }): OAuthClientRecord | undefined {
  const client = findOAuthClient(db, credentials.clientId);
  const matches = secretMatchesHash(credentials.clientSecret, client?.secretHash ?? UNKNOWN_CLIENT_HASH);
  return client && matches && !client.revokedAt ? client : undefined;
}
