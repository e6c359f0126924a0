/**
 * The usage fold thread (started by src/usage/usage-log-store.ts): its own connections to the
 * database and the usage log, folding the log whenever ingest appends to it, so the request
 * thread only appends. Messages in: `'fold'` after an append, `{ settle: id }` to be answered once
 * nothing is left to fold. Messages out: `{ foldedThrough }` with the mark after each fold and
 * after each round (another process may have folded meanwhile), `{ settled: id }`, and
 * `{ failed: text }` when a round failed (it is retried a second later).
 */
import { inspect } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { foldSlices, SLICE_MS, usageFoldMark } from './fold-usage-log.js';
import { hasUsageBatchesAfter, openUsageLogConnection } from './usage-log.js';

const { databasePath, logPath } = workerData as { databasePath: string; logPath: string };
const main = new Database(databasePath, { fileMustExist: true });
main.pragma('busy_timeout = 5000');
main.pragma('synchronous = NORMAL');
// SQLite's default 2 MB page cache, not better-sqlite3's 16 MB: a fold touches more pages than any
// cache would hold, so its reads come from the OS page cache either way. 16 MB measured the same
// fold speed and 14 MB more resident memory.
main.pragma('cache_size = -2000');
const log = openUsageLogConnection(logPath);
const port = parentPort!;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Until when (performance.now()) other connections count as writing: their last write plus a second. */
let othersWritingUntil = 0;
let seenVersion = main.pragma('data_version', { simple: true }) as number;

/**
 * After each slice: SQLite's write lock is not fair, and a writer waiting in its busy handler polls
 * only every few to 100 ms, so back-to-back slices could keep issuance on the request thread (whose
 * wait also holds its event loop) out for a whole fold. `data_version` changes when another
 * connection has committed: while others write, each slice is followed by a pause as long as a
 * slice, so they find the lock free within a poll or two.
 */
function yieldToOtherWriters(): void {
  const version = main.pragma('data_version', { simple: true }) as number;
  if (version !== seenVersion) {
    seenVersion = version;
    othersWritingUntil = performance.now() + 1000;
  }
  if (performance.now() < othersWritingUntil) Atomics.wait(sleeper, 0, 0, SLICE_MS);
}

let retry: NodeJS.Timeout | undefined;
/** Set while a failed round waits for its retry: appends do not start rounds meanwhile. */
let backingOff = false;
function retryIn(ms: number): void {
  retry ??= setTimeout(() => {
    retry = undefined;
    backingOff = false;
    foldRound();
  }, ms);
}

/**
 * Folds until nothing is left to fold here, then reports the mark. A fold that finds another
 * process's fold moved on stops; what that process leaves (if it dies) is retried shortly. Errors
 * (the database locked past the busy timeout, a full disk) are reported and retried: the batches
 * stay in the log meanwhile.
 */
function foldRound(): void {
  try {
    for (;;) {
      const slices = foldSlices(main, log);
      let step = slices.next();
      for (; !step.done; step = slices.next()) yieldToOtherWriters();
      if (step.value === null) break;
      port.postMessage({ foldedThrough: step.value });
    }
    const mark = usageFoldMark(main);
    port.postMessage({ foldedThrough: mark });
    if (hasUsageBatchesAfter(log, mark)) retryIn(100);
  } catch (error) {
    port.postMessage({ failed: inspect(error) });
    backingOff = true;
    retryIn(1000);
  }
}

port.on('message', (message: 'fold' | { settle: number }) => {
  if (message === 'fold') {
    if (!backingOff) foldRound();
    return;
  }
  foldRound();
  port.postMessage({ settled: message.settle });
});
foldRound();
