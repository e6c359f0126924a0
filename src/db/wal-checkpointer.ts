import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * The checkpointer's thread: its own connection copies WAL pages into the database file every
 * `intervalMs` (PASSIVE: never blocks readers or writers). CommonJS because eval workers are.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
`;

/** A running checkpointer; `stop()` ends it and hands checkpointing back to SQLite. */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the request thread. By default SQLite checkpoints inside the commit
 * that crosses 1,000 WAL pages, with two fsyncs on the event loop; here the request connection
 * stops auto-checkpointing and a worker thread checkpoints on its own connection instead. If the
 * worker dies, automatic checkpoints are switched back on so the WAL cannot grow without bound.
 */
export function startWalCheckpointer(options: { sqlite: Database.Database; path: string; intervalMs?: number }): WalCheckpointer {
  const { sqlite } = options;
  const restoreAutoCheckpoint = () => sqlite.pragma('wal_autocheckpoint = 1000');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driverPath: createRequire(import.meta.url).resolve('better-sqlite3'),
      path: options.path,
      intervalMs: options.intervalMs ?? 1000,
    },
  });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    if (sqlite.open) restoreAutoCheckpoint();
    if (!stopping) process.emitWarning('WAL checkpointer stopped; SQLite checkpoints automatically again');
  });
  return {
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}
