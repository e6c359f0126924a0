import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { serverKeys } from './schema.js';

/** A key of the service itself (private part encrypted), e.g. the OAuth token-signing key. */
export type ServerKeyRecord = typeof serverKeys.$inferSelect;

/** Stores a new server key. */
export function insertServerKey(db: Db, key: typeof serverKeys.$inferInsert): void {
  db.insert(serverKeys).values(key).run();
}

/** The key that signs for `purpose`: the oldest one not retired, so every process picks the same. */
export function findActiveServerKey(db: Db, purpose: string): ServerKeyRecord | undefined {
  return db
    .select()
    .from(serverKeys)
    .where(and(eq(serverKeys.purpose, purpose), isNull(serverKeys.retiredAt)))
    .orderBy(asc(serverKeys.createdAt), asc(serverKeys.kid))
    .get();
}

/** Finds one key of `purpose` by its key id, retired or not. */
export function findServerKey(db: Db, options: { purpose: string; kid: string }): ServerKeyRecord | undefined {
  return prepared(db, 'serverKeyByKid', (d) =>
    d
      .select()
      .from(serverKeys)
      .where(and(eq(serverKeys.kid, sql.placeholder('kid')), eq(serverKeys.purpose, sql.placeholder('purpose'))))
      .prepare(),
  ).get(options);
}

/** Every key of `purpose`, retired ones too (they still verify what they signed), oldest first. */
export function listServerKeys(db: Db, purpose: string): ServerKeyRecord[] {
  return db
    .select()
    .from(serverKeys)
    .where(eq(serverKeys.purpose, purpose))
    .orderBy(asc(serverKeys.createdAt), asc(serverKeys.kid))
    .all();
}
