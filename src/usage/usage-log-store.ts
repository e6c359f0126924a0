import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import { buildWorkerFromSources } from '../worker-source-build.js';
import { foldAllUsage, foldUsageLog, MAX_STATEMENTS_PER_FOLD, usageFoldMark, usageLogFloor } from './fold-usage-log.js';
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
  /** The batches appended but not yet folded, for the replay check and the verify page. */
  readonly pending: PendingUsage;
  /** Call after a batch was appended: folds it now, or wakes the fold thread. */
  appended(): void;
  /**
   * Resolves when ingest may append: at once, unless the fold thread has fallen
   * {@link MAX_PENDING_STATEMENTS} behind, then once it has caught up that far (backpressure: what
   * waits to be folded, and the memory it holds, stays bounded however fast statements arrive).
   * Rejects with a 503 after {@link MAX_ROOM_WAIT_MS} (folds failing or far behind) or on close.
   */
  roomToAppend(): Promise<void>;
  /**
   * Resolves once the fold thread has finished a round after the call (at once when folding
   * inline): every batch appended before it is folded, unless another process is folding it or
   * the round failed (reported as a warning; the batches stay in the log).
   */
  settled(): Promise<void>;
  /**
   * Stops the fold thread (if any) and closes the log; batches left in it are folded on the next
   * start (await {@link settled} first to fold them now).
   */
  close(): void;
}

/** How many statements may wait to be folded before ingest waits: the fold under way and the next. */
export const MAX_PENDING_STATEMENTS = 2 * MAX_STATEMENTS_PER_FOLD;

/** How long ingest waits for the fold thread to make room before it answers 503. */
export const MAX_ROOM_WAIT_MS = 10_000;

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
  /** How long ingest waits for room before a 503 (default {@link MAX_ROOM_WAIT_MS}). */
  maxRoomWaitMs?: number;
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
  /** One fold on this thread; if it fails, the batches stay in the log for the next one. */
  const foldHere = () => {
    try {
      pending.trimThrough(foldUsageLog(main, log) ?? usageFoldMark(main));
    } catch (error) {
      process.emitWarning(`usage fold failed (${inspect(error)}); the batches stay in the log for the next fold`);
    }
  };
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
  let threadFailed = false;
  const settling = new Map<number, () => void>();
  let nextSettle = 0;
  let waitingForRoom: RoomWaiter[] = [];
  let roomCheck: NodeJS.Timeout | undefined;
  const maxPending = options.maxPendingStatements ?? MAX_PENDING_STATEMENTS;
  const hasRoom = () => threadFailed || pending.statementCount < maxPending;
  const endWaitingForRoom = (error?: AppError) => {
    for (const waiter of waitingForRoom) {
      clearTimeout(waiter.timeout);
      if (error) waiter.reject(error);
      else waiter.resume();
    }
    waitingForRoom = [];
    clearInterval(roomCheck);
    roomCheck = undefined;
  };
  const wakeWaitingForRoom = () => {
    if (hasRoom()) endWaitingForRoom();
  };
  // A 6 MB young generation (2 MB semi-spaces), as for the signer threads: a fold's rows live for
  // the whole fold, so a larger one only delays their promotion.
  const worker = new Worker(foldWorkerEntry(), { workerData: { databasePath: options.databasePath, logPath }, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
  worker.unref();
  const resolveSettled = (id: number) => {
    settling.get(id)?.();
    settling.delete(id);
    if (settling.size === 0) worker.unref();
  };
  worker.on('message', (message: { foldedThrough: number } | { settled: number } | { failed: string }) => {
    if ('foldedThrough' in message) {
      pending.trimThrough(message.foldedThrough);
      wakeWaitingForRoom();
    } else if ('settled' in message) resolveSettled(message.settled);
    else process.emitWarning(`usage fold failed (${message.failed}); retrying in a second, the batches stay in the log`);
  });
  worker.on('error', (error) => {
    // Folding comes back to this thread, one fold per append: nothing is lost (the log is on disk).
    threadFailed = true;
    process.emitWarning(`usage fold thread stopped (${inspect(error)}); folding on the request thread`);
    foldHere();
    for (const id of [...settling.keys()]) resolveSettled(id);
    wakeWaitingForRoom();
  });
  return {
    main,
    log,
    pending,
    appended: () => (threadFailed ? foldHere() : worker.postMessage('fold')),
    roomToAppend: () => {
      // Another process may have folded what this one holds.
      if (!hasRoom()) pending.trimThrough(usageFoldMark(main));
      if (hasRoom()) return Promise.resolve();
      // The fold thread reports each fold; checking the mark too covers folds by other processes.
      roomCheck ??= setInterval(() => {
        try {
          pending.trimThrough(usageFoldMark(main));
          wakeWaitingForRoom();
          if (!threadFailed) worker.postMessage('fold');
        } catch (error) {
          process.emitWarning(`usage fold mark unreadable (${inspect(error)}); checking again`);
        }
      }, 100);
      return new Promise<void>((resume, reject) => {
        const waiter: RoomWaiter = {
          resume,
          reject,
          timeout: setTimeout(() => {
            waitingForRoom = waitingForRoom.filter((other) => other !== waiter);
            reject(new AppError('usage_fold_behind', 503, 'Usage statements arrive faster than they are stored; retry in a moment.', { headers: { 'Retry-After': '5' } }));
          }, options.maxRoomWaitMs ?? MAX_ROOM_WAIT_MS),
        };
        waitingForRoom.push(waiter);
      });
    },
    settled: () =>
      new Promise<void>((resolve) => {
        if (threadFailed) return resolve();
        const id = nextSettle++;
        settling.set(id, resolve);
        // Held while someone waits: an unreferenced thread would not keep a stopping process alive for the answer.
        worker.ref();
        worker.postMessage({ settle: id });
      }),
    close: () => {
      // A fold cut short loses only its current slice; the next start resumes it from its progress.
      void worker.terminate();
      endWaitingForRoom(new AppError('service_stopping', 503, 'The service is stopping; retry in a moment.', { headers: { 'Retry-After': '5' } }));
      for (const id of [...settling.keys()]) resolveSettled(id);
      log.close();
    },
  };
}

/** An ingest request waiting for the fold thread to make room. */
interface RoomWaiter {
  resume(): void;
  reject(error: AppError): void;
  timeout: NodeJS.Timeout;
}

/** Adds the batches other processes appended since this store last looked (call holding the log's write lock). */
export function catchUpPendingUsage(store: UsageLogStore): void {
  for (const batch of usageBatchesAfter(store.log, store.pending.seenThrough)) store.pending.add(batch);
}
