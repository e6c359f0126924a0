import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { RecentRows } from './recent-rows.js';
import { apiKeys } from './schema.js';

/** An API key row (never holds the secret itself, only its hash). */
export type ApiKeyRecord = typeof apiKeys.$inferSelect;

/** Keys by prefix, at most a second old: every write here forgets them. */
const recentKeys = new RecentRows<ApiKeyRecord>();

/** Stores a new API key record. */
export function insertApiKey(db: Db, key: typeof apiKeys.$inferInsert): void {
  recentKeys.invalidate();
  db.insert(apiKeys).values(key).run();
}

/** Finds an API key by its visible prefix (hot path of every authenticated request). */
export function findApiKeyByPrefix(db: Db, prefix: string): ApiKeyRecord | undefined {
  return prepared(db, 'apiKeyByPrefix', (d) =>
    d.select().from(apiKeys).where(eq(apiKeys.prefix, sql.placeholder('prefix'))).prepare(),
  ).get({ prefix });
}

/**
 * {@link findApiKeyByPrefix} at most one second old (see RecentRows), for the authentication of
 * every request: a key revoked through this process stops at once; one revoked by the admin CLI
 * (or another server process on the same database) stops within a second.
 */
export function findRecentApiKeyByPrefix(db: Db, prefix: string): ApiKeyRecord | undefined {
  return recentKeys.get(db, prefix, () => findApiKeyByPrefix(db, prefix));
}

/** Lists a tenant's keys, oldest first. */
export function listApiKeys(db: Db, tenantId: string): ApiKeyRecord[] {
  return db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(asc(apiKeys.createdAt)).all();
}

/** Revokes a key of the tenant; returns false when no such active key exists. */
export function revokeApiKey(db: Db, options: { tenantId: string; prefix: string; at: string }): boolean {
  recentKeys.invalidate();
  const result = db
    .update(apiKeys)
    .set({ revokedAt: options.at })
    .where(and(eq(apiKeys.tenantId, options.tenantId), eq(apiKeys.prefix, options.prefix), isNull(apiKeys.revokedAt)))
    .run();
  return result.changes > 0;
}
