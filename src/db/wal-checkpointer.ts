import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * The checkpointer's thread: every `intervalMs` its own connection copies WAL pages into the
 * database file (PASSIVE: never blocks readers or writers). When a pass finds the WAL at the
 * top-up size it skips the next one, leaving the checkpoint lock free for the request
 * connection's top-up (which SQLite would otherwise skip while this pass holds it, fsyncs
 * included). CommonJS because eval workers are.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
let skipNext = false;
setInterval(() => {
  if (skipNext) {
    skipNext = false;
    return;
  }
  const [pass] = db.pragma('wal_checkpoint(PASSIVE)');
  skipNext = pass.log >= workerData.topUpFrames;
}, workerData.intervalMs);
`;

/** A running checkpointer; `stop()` ends it and hands checkpointing back to SQLite. */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the request thread. By default SQLite checkpoints inside the commit
 * that crosses 1,000 WAL pages, copying them all with two fsyncs on the event loop; here a worker
 * thread copies them on its own connection instead, a few MB at a time.
 *
 * The request connection still checkpoints once the WAL reaches `topUpFrames` pages: under a
 * steady stream of commits the worker's checkpoint is never complete when the next write begins,
 * and SQLite only rewinds a fully copied WAL (without this, 15 s of xAPI ingest grew it to
 * 1.2 GB). That checkpoint copies only the pages committed since the worker's last pass, and the
 * next commit writes from the start of the file again; a WAL file grown past twice the top-up
 * size is then truncated back to that (`journal_size_limit`). (A RESTART checkpoint from the
 * worker instead starved behind the request thread's write lock for seconds.) If the worker
 * dies, SQLite's default automatic checkpoints come back.
 */
export function startWalCheckpointer(options: {
  sqlite: Database.Database;
  path: string;
  /** How often the worker checkpoints (default 100 ms: a few MB of WAL under full ingest load). */
  intervalMs?: number;
  /** WAL size in pages at which the request connection tops up (default 8,192: 32 MB of 4 KB pages). */
  topUpFrames?: number;
}): WalCheckpointer {
  const { sqlite } = options;
  const topUpFrames = options.topUpFrames ?? 8192;
  const restoreAutoCheckpoint = () => sqlite.pragma('wal_autocheckpoint = 1000');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driverPath: createRequire(import.meta.url).resolve('better-sqlite3'),
      path: options.path,
      intervalMs: options.intervalMs ?? 100,
      topUpFrames,
    },
  });
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${topUpFrames}`);
  sqlite.pragma(`journal_size_limit = ${2 * topUpFrames * Number(sqlite.pragma('page_size', { simple: true }))}`);
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
