import type { Db } from './client.js';

/**
 * Runs `work` in a write transaction that takes SQLite's write lock when it begins (`BEGIN
 * IMMEDIATE`). While another connection (the CLI, a second server process) holds the lock, it
 * waits up to the connection's busy timeout, synchronously: the event loop waits with it. A plain
 * (deferred) transaction that has read before its first write would instead fail that write at
 * once with `SQLITE_BUSY` (SQLite does not wait for a reader to become a writer), or with
 * `SQLITE_BUSY_SNAPSHOT` once the other connection has committed. Inside an open transaction it
 * becomes a savepoint, like any nested drizzle transaction.
 */
export function inWriteTransaction<T>(db: Db, work: (tx: Db) => T): T {
  return db.transaction(work, { behavior: 'immediate' });
}
