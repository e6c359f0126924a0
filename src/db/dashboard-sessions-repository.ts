import { and, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { ApiKeyRecord } from './api-keys-repository.js';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { apiKeys, dashboardSessions, tenants } from './schema.js';
import type { Tenant } from './tenants-repository.js';

/** A stored dashboard session (the id itself is never stored, only its SHA-256). */
export type DashboardSessionRecord = typeof dashboardSessions.$inferSelect;

/** Stores a new dashboard session. */
export function insertDashboardSession(db: Db, session: DashboardSessionRecord): void {
  db.insert(dashboardSessions).values(session).run();
}

/**
 * The tenant and admin API key of a live session: found by the hash of its id, not expired at
 * `now`, and its key neither revoked nor of another tenant. Undefined otherwise. Looked up by the
 * hash alone because the id is all the browser presents; the row says which tenant it belongs to.
 */
export function findLiveDashboardSession(db: Db, options: { idHash: string; now: string }): { tenant: Tenant; apiKey: ApiKeyRecord } | undefined {
  return prepared(db, 'liveDashboardSession', (d) =>
    d
      .select({ tenant: tenants, apiKey: apiKeys })
      .from(dashboardSessions)
      .innerJoin(apiKeys, and(eq(apiKeys.id, dashboardSessions.apiKeyId), eq(apiKeys.tenantId, dashboardSessions.tenantId)))
      .innerJoin(tenants, eq(tenants.id, dashboardSessions.tenantId))
      .where(
        and(
          eq(dashboardSessions.idHash, sql.placeholder('idHash')),
          gt(dashboardSessions.expiresAt, sql.placeholder('now')),
          isNull(apiKeys.revokedAt),
          eq(apiKeys.scope, 'admin'),
        ),
      )
      .prepare(),
  ).get(options);
}

/** Deletes one session (sign-out); deleting an unknown one does nothing. */
export function deleteDashboardSession(db: Db, idHash: string): void {
  db.delete(dashboardSessions).where(eq(dashboardSessions.idHash, idHash)).run();
}

/** Deletes every session that can no longer open anything: expired at `now`, or its key revoked. Returns how many. */
export function deleteDeadDashboardSessions(db: Db, now: string): number {
  const revokedKeys = db.select({ id: apiKeys.id }).from(apiKeys).where(isNotNull(apiKeys.revokedAt));
  return db
    .delete(dashboardSessions)
    .where(or(lte(dashboardSessions.expiresAt, now), inArray(dashboardSessions.apiKeyId, revokedKeys)))
    .run().changes;
}
