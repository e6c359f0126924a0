/**
 * The usage fold thread (started by src/usage/usage-log-store.ts): its own connections to the
 * database and the usage log, folding the log whenever ingest appends to it, so the request
 * thread only appends. Messages in: `'fold'` after an append, `{ settle: id }` to be answered once
 * the log is empty. Messages out: `{ foldedThrough }` after each fold, `{ settled: id }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { foldUsageLog, usageLogFloor } from './fold-usage-log.js';
import { openUsageLog } from './usage-log.js';

const { databasePath, logPath } = workerData as { databasePath: string; logPath: string };
const main = new Database(databasePath, { fileMustExist: true });
main.pragma('busy_timeout = 5000');
main.pragma('synchronous = NORMAL');
// SQLite's default 2 MB page cache, not better-sqlite3's 16 MB: a fold touches more pages than any
// cache would hold, so its reads come from the OS page cache either way. 16 MB measured the same
// fold speed and 14 MB more resident memory.
main.pragma('cache_size = -2000');
const log = openUsageLog(logPath, usageLogFloor(main));
const port = parentPort!;

function foldUntilEmpty(): void {
  for (let mark = foldUsageLog(main, log); mark !== null; mark = foldUsageLog(main, log)) port.postMessage({ foldedThrough: mark });
}

port.on('message', (message: 'fold' | { settle: number }) => {
  foldUntilEmpty();
  if (message !== 'fold') port.postMessage({ settled: message.settle });
});
foldUntilEmpty();
