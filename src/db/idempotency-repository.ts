import { and, eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { idempotencyKeys } from './schema.js';

/** A remembered Idempotency-Key. */
export type IdempotencyRecord = typeof idempotencyKeys.$inferSelect;

/** Looks up an Idempotency-Key of the tenant. */
export function findIdempotencyKey(db: Db, tenantId: string, key: string): IdempotencyRecord | undefined {
  return db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)))
    .get();
}

/** Remembers an Idempotency-Key; the first writer wins. */
export function rememberIdempotencyKey(db: Db, record: typeof idempotencyKeys.$inferInsert): void {
  db.insert(idempotencyKeys).values(record).onConflictDoNothing().run();
}
