import type { Db } from './client.js';

/**
 * Runs `work` in a write transaction that takes SQLite's write lock when it begins (`BEGIN
 * IMMEDIATE`), waiting up to the connection's busy timeout while another connection (the CLI, a
 * second server process) holds it. A plain (deferred) transaction that reads before it writes
 * would instead fail at its first write with `SQLITE_BUSY` whenever another connection committed
 * in between: its snapshot is stale and SQLite cannot wait its way out. Inside an open
 * transaction it becomes a savepoint, like any nested drizzle transaction.
 */
export function inWriteTransaction<T>(db: Db, work: (tx: Db) => T): T {
  return db.transaction(work, { behavior: 'immediate' });
}
