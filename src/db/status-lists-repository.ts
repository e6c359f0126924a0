import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { statusLists } from './schema.js';

/** A tenant's status list row. */
export type StatusListRecord = typeof statusLists.$inferSelect;

/** The tenant's newest status list, if any. */
export function findNewestStatusList(db: Db, tenantId: string): StatusListRecord | undefined {
  return prepared(db, 'newestStatusList', (d) =>
    d
      .select()
      .from(statusLists)
      .where(eq(statusLists.tenantId, sql.placeholder('tenantId')))
      .orderBy(desc(sql`cast(${statusLists.listId} as integer)`))
      .prepare(),
  ).get({ tenantId });
}

/** One status list of the tenant. */
export function findStatusList(db: Db, tenantId: string, listId: string): StatusListRecord | undefined {
  return prepared(db, 'statusList', (d) =>
    d
      .select()
      .from(statusLists)
      .where(and(eq(statusLists.tenantId, sql.placeholder('tenantId')), eq(statusLists.listId, sql.placeholder('listId'))))
      .prepare(),
  ).get({ tenantId, listId });
}

/** Creates a status list (ignored if another request created it first). */
export function createStatusListRow(db: Db, row: typeof statusLists.$inferInsert): void {
  db.insert(statusLists).values(row).onConflictDoNothing().run();
}

/** Counts one more allocated slot in a list. */
export function countAllocatedSlot(db: Db, tenantId: string, listId: string): void {
  prepared(db, 'countAllocatedSlot', (d) =>
    d
      .update(statusLists)
      .set({ allocated: sql`${statusLists.allocated} + 1` })
      .where(and(eq(statusLists.tenantId, sql.placeholder('tenantId')), eq(statusLists.listId, sql.placeholder('listId'))))
      .prepare(),
  ).run({ tenantId, listId });
}

/**
 * Stores the newly signed status-list credential of a list, only if the list is still at
 * `expectedRevision` (compare-and-set: a concurrent publisher that read the bits earlier must
 * not overwrite a newer list). Returns false when another publish came first.
 */
export function saveStatusListCredential(
  db: Db,
  options: { tenantId: string; listId: string; credentialJson: string | null; at: string; expectedRevision: number },
): boolean {
  const result = db
    .update(statusLists)
    .set({ credentialJson: options.credentialJson, updatedAt: options.at, revision: sql`${statusLists.revision} + 1` })
    .where(
      and(eq(statusLists.tenantId, options.tenantId), eq(statusLists.listId, options.listId), eq(statusLists.revision, options.expectedRevision)),
    )
    .run();
  return result.changes > 0;
}

/** How often a status list was re-signed (cheap: lets readers cache the decoded list). */
export function statusListRevision(db: Db, tenantId: string, listId: string): { revision: number; signed: boolean } | undefined {
  const row = prepared(db, 'statusListRevision', (d) =>
    d
      .select({ revision: statusLists.revision, signed: sql<number>`${statusLists.credentialJson} is not null` })
      .from(statusLists)
      .where(and(eq(statusLists.tenantId, sql.placeholder('tenantId')), eq(statusLists.listId, sql.placeholder('listId'))))
      .prepare(),
  ).get({ tenantId, listId });
  return row && { revision: row.revision, signed: Boolean(row.signed) };
}
