import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client.js';
import { idempotencyKeys } from './schema.js';

/** A remembered Idempotency-Key. */
export type IdempotencyRecord = typeof idempotencyKeys.$inferSelect;

const keyOf = (tenantId: string, key: string) => and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key));

/** Looks up an Idempotency-Key of the tenant. */
export function findIdempotencyKey(db: Db, tenantId: string, key: string): IdempotencyRecord | undefined {
  return db.select().from(idempotencyKeys).where(keyOf(tenantId, key)).get();
}

/**
 * Reserves an Idempotency-Key for a request (its certificate still to come). Returns false when
 * the key is already taken: the primary key decides, so of concurrent requests exactly one wins.
 */
export function reserveIdempotencyKey(db: Db, record: { tenantId: string; key: string; requestHash: string; createdAt: string }): boolean {
  return db.insert(idempotencyKeys).values({ ...record, certificateNumber: null }).onConflictDoNothing().run().changes === 1;
}

/** Records the certificate a reserved key's request was answered with (a key answered before keeps its answer). */
export function completeIdempotencyKey(db: Db, tenantId: string, key: string, certificateNumber: string): void {
  db.update(idempotencyKeys)
    .set({ certificateNumber })
    .where(and(keyOf(tenantId, key), isNull(idempotencyKeys.certificateNumber)))
    .run();
}

/** Frees a reservation whose request failed, so the key can be used again (an answered key stays). */
export function releaseIdempotencyKey(db: Db, tenantId: string, key: string): void {
  db.delete(idempotencyKeys)
    .where(and(keyOf(tenantId, key), isNull(idempotencyKeys.certificateNumber)))
    .run();
}
