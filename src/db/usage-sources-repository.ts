import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from './client.js';
import { usageSources } from './schema.js';

/** A registered source of usage telemetry. */
export type UsageSource = typeof usageSources.$inferSelect;

/** Stores a usage source. */
export function insertUsageSource(db: Db, source: typeof usageSources.$inferInsert): void {
  db.insert(usageSources).values(source).run();
}

/** The tenant's usage sources, oldest first. */
export function listUsageSources(db: Db, tenantId: string): UsageSource[] {
  return db.select().from(usageSources).where(eq(usageSources.tenantId, tenantId)).orderBy(asc(usageSources.createdAt)).all();
}

/** Names of the given sources of the tenant (unknown ids are skipped). */
export function usageSourceNames(db: Db, tenantId: string, ids: string[]): string[] {
  if (ids.length === 0) return [];
  return db
    .select({ name: usageSources.name })
    .from(usageSources)
    .where(and(eq(usageSources.tenantId, tenantId), inArray(usageSources.id, ids)))
    .orderBy(asc(usageSources.name))
    .all()
    .map((row) => row.name);
}
