import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { sqlitePathFromUrl } from '../config.js';
import { projectPath } from '../paths.js';
import * as schema from './schema.js';
import { openUsageLogStore, type UsageLogStore } from '../usage/usage-log-store.js';

/** The drizzle handle every repository takes: the database itself or a transaction on it. */
export type Db = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

/** An open database: the drizzle handle plus the raw connection (for pragmas and closing). */
export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  /** The usage log beside the database, where ingest appends (see src/usage/usage-log-store.ts). */
  usageLog: UsageLogStore;
  close(): void;
}

/**
 * Opens (creating if needed) the SQLite database named by `databaseUrl`, switches on WAL, a busy
 * timeout and foreign keys, applies the drizzle-kit migrations in `drizzle/`, and opens the usage
 * log beside it (folded on a thread of its own with `foldUsageInThread`, else as it is appended).
 */
export function openDatabase(
  databaseUrl: string,
  options: { foldUsageInThread?: boolean; maxPendingStatements?: number; maxRoomWaitMs?: number } = {},
): DatabaseHandle {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new TypeError('PostgreSQL is not supported yet: use a SQLite file path for DATABASE_URL');
  }
  const path = sqlitePathFromUrl(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // better-sqlite3 raises SQLite's page cache to 16 MB per connection. Reads that miss it come
  // from the OS page cache about as fast (a certificate lookup measured the same with 2 MB and
  // 16 MB), and xAPI ingest into a 1M-row table kept its speed with 8 MB (not with 4 MB): 8 MB
  // less resident memory once verifications have touched the whole certificates table.
  sqlite.pragma('cache_size = -8000');
  // Savepoint and statement journals in memory. SQLite keeps the pages a savepoint may have to
  // restore in a sub-journal that it moves to a temp file past 64 KB. When group commits
  // (src/db/group-commit.ts) ran every issuance in a savepoint, that file was written twice as often
  // as the WAL, and keeping it in memory gave 10% more completions per second (six alternating
  // runs); savepoints are now taken only when a group is retried. This connection runs no large
  // sorts that temp files would otherwise take (analytics has its own connection).
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: projectPath('drizzle') });
  const usageLog = openUsageLogStore(sqlite, {
    databasePath: path,
    foldThread: options.foldUsageInThread ?? false,
    maxPendingStatements: options.maxPendingStatements,
    maxRoomWaitMs: options.maxRoomWaitMs,
  });
  return {
    db,
    sqlite,
    usageLog,
    close: () => {
      usageLog.close();
      sqlite.close();
    },
  };
}

/**
 * A second, read-only connection for analytics: memory-mapped reads and a larger page cache make
 * the adoption reports' big scans several times cheaper, without growing the request-serving
 * connection (WAL lets it read alongside writers). Call after `openDatabase` has migrated.
 */
export function openAnalyticsReader(databaseUrl: string): Omit<DatabaseHandle, 'usageLog'> {
  const sqlite = new Database(sqlitePathFromUrl(databaseUrl), { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 1073741824');
  sqlite.pragma('cache_size = -65536');
  return { db: drizzle(sqlite, { schema }), sqlite, close: () => sqlite.close() };
}
