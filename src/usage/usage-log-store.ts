import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { buildWorkerFromSources } from '../worker-source-build.js';
import { foldAllUsage, MAX_STATEMENTS_PER_FOLD, usageLogFloor } from './fold-usage-log.js';
import { PendingUsage } from './pending-usage.js';
import { openUsageLog, usageBatchesAfter, usageLogPathFor } from './usage-log.js';

/**
 * Ingest's side of the usage log: the log connection ingest appends on, the batches not yet folded
 * (held in memory for ingest's duplicate check and the verify page), and who folds them.
 */
export interface UsageLogStore {
  /** The main database connection (the fold mark is read from it). */
  readonly main: Database.Database;
  /** The usage log connection ingest appends on. */
  readonly log: Database.Database;
  readonly pending: PendingUsage;
  /** Call after a batch was appended: folds it now, or wakes the fold thread. */
  appended(): void;
  /**
   * Resolves when ingest may append: at once, unless the fold thread has fallen
   * {@link MAX_PENDING_STATEMENTS} behind, then once it has caught up that far (backpressure: what
   * waits to be folded, and the memory it holds, stays bounded however fast statements arrive).
   */
  roomToAppend(): Promise<void>;
  /** Resolves once every batch appended before the call is folded into the database. */
  settled(): Promise<void>;
  /**
   * Stops the fold thread (if any) and closes the log; batches left in it are folded on the next
   * start (await {@link settled} first to fold them now).
   */
  close(): void;
}

/** How many statements may wait to be folded before ingest waits: the fold under way and the next. */
export const MAX_PENDING_STATEMENTS = 2 * MAX_STATEMENTS_PER_FOLD;

/** Where the database and its log are, and whether a thread of its own folds the log. */
export interface UsageLogOptions {
  databasePath: string;
  /**
   * Fold on a worker thread (the server on a database file): ingest then only appends, and the
   * other core folds. Otherwise each append is folded at once on the calling thread, so what was
   * ingested is in `usage_days` when ingest returns (tests, CLI commands, in-memory databases).
   */
  foldThread: boolean;
  /** Statements that may wait to be folded before ingest waits (default {@link MAX_PENDING_STATEMENTS}). */
  maxPendingStatements?: number;
}

/** The fold thread's module, from `dist/` or transpiled from the sources (tests, tsx). */
function foldWorkerEntry(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.js') ? new URL('./usage-fold-worker.js', here) : buildWorkerFromSources('usage', 'usage-fold-worker'));
}

/**
 * Opens the usage log beside the database on the `main` connection, folds what an earlier process
 * left in it, and starts folding as `options` says.
 */
export function openUsageLogStore(main: Database.Database, options: UsageLogOptions): UsageLogStore {
  const logPath = usageLogPathFor(options.databasePath);
  const log = openUsageLog(logPath, usageLogFloor(main));
  const pending = new PendingUsage();
  pending.skipThrough(foldAllUsage(main, log));
  const foldHere = () => pending.trimThrough(foldAllUsage(main, log));
  if (!options.foldThread || logPath === ':memory:') {
    return {
      main,
      log,
      pending,
      appended: foldHere,
      roomToAppend: async () => undefined,
      settled: async () => undefined,
      close: () => log.close(),
    };
  }
  // A 6 MB young generation (2 MB semi-spaces), as for the signer threads: a fold's rows live for
  // the whole fold, so a larger one only delays their promotion.
  const worker = new Worker(foldWorkerEntry(), { workerData: { databasePath: options.databasePath, logPath }, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
  const waiting = new Map<number, () => void>();
  let waitingForRoom: Array<() => void> = [];
  const maxPending = options.maxPendingStatements ?? MAX_PENDING_STATEMENTS;
  const hasRoom = () => threadFailed || pending.statementCount < maxPending;
  const wakeWaitingForRoom = () => {
    if (!hasRoom()) return;
    for (const resume of waitingForRoom) resume();
    waitingForRoom = [];
  };
  let nextSettle = 0;
  let threadFailed = false;
  worker.on('message', (message: { foldedThrough: number } | { settled: number }) => {
    if ('foldedThrough' in message) {
      pending.trimThrough(message.foldedThrough);
      wakeWaitingForRoom();
    } else {
      waiting.get(message.settled)?.();
      waiting.delete(message.settled);
    }
  });
  worker.on('error', (error) => {
    // Folding comes back to this thread: slower ingest, nothing lost (the log is on disk).
    threadFailed = true;
    process.emitWarning(`usage fold thread failed (${describe(error)}); folding on the request thread`);
    foldHere();
    for (const settle of waiting.values()) settle();
    waiting.clear();
    wakeWaitingForRoom();
  });
  worker.unref();
  return {
    main,
    log,
    pending,
    appended: () => (threadFailed ? foldHere() : worker.postMessage('fold')),
    roomToAppend: () => (hasRoom() ? Promise.resolve() : new Promise<void>((resume) => waitingForRoom.push(resume))),
    settled: () =>
      new Promise<void>((resolve) => {
        if (threadFailed) return resolve();
        const id = nextSettle++;
        waiting.set(id, resolve);
        worker.postMessage({ settle: id });
      }),
    close: () => {
      // A fold cut short rolls back with its transaction: its batches stay in the log.
      void worker.terminate();
      log.close();
    },
  };
}

/** A worker's error as text: errors of other classes (SqliteError) arrive as plain objects. */
function describe(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Adds the batches other processes appended since this store last looked (call with the log's write lock held). */
export function catchUpPendingUsage(store: UsageLogStore): void {
  for (const batch of usageBatchesAfter(store.log, store.pending.seenThrough)) store.pending.add(batch);
}
