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

/**
 * Records the certificate a key's request was answered with, for the same body only: a key held
 * for another body, or already answered, keeps what it has. A request that did not reserve the
 * key (the same body sent again while the first was in flight) records it too, re-creating the
 * row if a failed first request freed it meanwhile.
 */
export function completeIdempotencyKey(db: Db, record: { tenantId: string; key: string; requestHash: string; createdAt: string }, certificateNumber: string): void {
  db.insert(idempotencyKeys)
    .values({ ...record, certificateNumber })
    .onConflictDoUpdate({
      target: [idempotencyKeys.tenantId, idempotencyKeys.key],
      set: { certificateNumber },
      setWhere: and(eq(idempotencyKeys.requestHash, record.requestHash), isNull(idempotencyKeys.certificateNumber)),
    })
    .run();
}

/** Frees this body's unanswered reservation after its request failed, so the key can be used again. */
export function releaseIdempotencyKey(db: Db, tenantId: string, key: string, requestHash: string): void {
  db.delete(idempotencyKeys)
    .where(and(keyOf(tenantId, key), eq(idempotencyKeys.requestHash, requestHash), isNull(idempotencyKeys.certificateNumber)))
    .run();
}
