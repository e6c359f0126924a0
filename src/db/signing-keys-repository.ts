import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { RecentRows } from './recent-rows.js';
import { signingKeys } from './schema.js';

/** A tenant signing key row (secret part encrypted). */
export type SigningKeyRecord = typeof signingKeys.$inferSelect;

/** Active keys by tenant, at most a second old: every write here forgets them. */
const recentActiveKeys = new RecentRows<SigningKeyRecord>();
/** All keys by tenant, likewise. */
const recentKeyLists = new RecentRows<readonly SigningKeyRecord[]>();

/** Stores a new signing key. */
export function insertSigningKey(db: Db, key: typeof signingKeys.$inferInsert): void {
  recentActiveKeys.invalidate();
  recentKeyLists.invalidate();
  db.insert(signingKeys).values(key).run();
}

/** All of a tenant's keys, newest first (retired keys still verify old credentials). */
export function listSigningKeys(db: Db, tenantId: string): SigningKeyRecord[] {
  return prepared(db, 'signingKeys', (d) =>
    d
      .select()
      .from(signingKeys)
      .where(eq(signingKeys.tenantId, sql.placeholder('tenantId')))
      .orderBy(desc(signingKeys.createdAt), desc(signingKeys.keyId))
      .prepare(),
  ).all({ tenantId });
}

/**
 * {@link listSigningKeys} at most one second old (see RecentRows), for the verify path: a key
 * another process adds is known within a second. The list is shared: do not change it.
 */
export function listRecentSigningKeys(db: Db, tenantId: string): readonly SigningKeyRecord[] {
  return recentKeyLists.get(db, tenantId, () => Object.freeze(listSigningKeys(db, tenantId)))!;
}

/** The key new credentials are signed with: the newest one not retired. */
export function findActiveSigningKey(db: Db, tenantId: string): SigningKeyRecord | undefined {
  return prepared(db, 'activeSigningKey', (d) =>
    d
      .select()
      .from(signingKeys)
      .where(and(eq(signingKeys.tenantId, sql.placeholder('tenantId')), isNull(signingKeys.retiredAt)))
      .orderBy(desc(signingKeys.createdAt), desc(signingKeys.keyId))
      .prepare(),
  ).get({ tenantId });
}

/**
 * {@link findActiveSigningKey} at most one second old (see RecentRows), for issuance. After a
 * rotation by another process, new credentials may be signed with the previous key for up to a
 * second; they verify all the same (retired keys stay in the DID document).
 */
export function findRecentActiveSigningKey(db: Db, tenantId: string): SigningKeyRecord | undefined {
  return recentActiveKeys.get(db, tenantId, () => findActiveSigningKey(db, tenantId));
}

/** Marks every active key of the tenant as retired (before a new one is added). */
export function retireSigningKeys(db: Db, tenantId: string, at: string): void {
  recentActiveKeys.invalidate();
  recentKeyLists.invalidate();
  db.update(signingKeys)
    .set({ retiredAt: at })
    .where(and(eq(signingKeys.tenantId, tenantId), isNull(signingKeys.retiredAt)))
    .run();
}
