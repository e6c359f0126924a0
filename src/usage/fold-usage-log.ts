/**
 * Folding the usage log (src/usage/usage-log.ts) into the database: the batches after the fold
 * mark are merged into `usage_statements` and `usage_days` in key order, then deleted from the log.
 *
 * Why: a statement inserted on its own writes two random B-tree pages (its fingerprint and its
 * active day), and SQLite writes every page a transaction touched. Tens of thousands of statements
 * merged in key order touch each leaf page about once instead, so the cost per statement falls as
 * folds grow. Under load a fold takes longer, more batches wait for the next one, and the next fold
 * is larger and cheaper per statement: folds keep up by themselves.
 *
 * A fold commits in slices of about {@link SLICE_MS}, so other writers (issuance on the request
 * thread) wait for the database's write lock no longer than that. Each slice records the fold's
 * progress in `usage_log_folds` in its own transaction, after checking that the progress is what this
 * fold left there:
 * - a fold cut short (crash, stop) is resumed by the next one from its progress: its batches are
 *   read again from the log and sorted the same way, so the progress counts still point at the
 *   same rows;
 * - any process may fold (a CLI command, the server's fold thread): when two do, the slower one
 *   finds the progress moved and stops, so every row is stored exactly once.
 * Until the last slice moves the mark, the batches stay pending (src/usage/pending-usage.ts), so
 * readers see them either way.
 *
 * This module depends only on better-sqlite3 and the log: the fold thread imports it.
 */
import type Database from 'better-sqlite3';
import { dropUsageBatchesThrough, hasUsageBatchesAfter, usageBatchesAfter, type LoggedUsageBatch } from './usage-log.js';

/**
 * The most statements one fold takes on. It bounds the memory a fold's sorted rows need on the fold
 * thread and, through the backpressure (twice this many may wait), the pending batches on the
 * request thread. Under full ingest load folds reach it. On the 2-core bench machine with 1.2M
 * rows, caps of 20,000, 25,000 and 30,000 gave 21,800–25,100, 27,400–29,000 and 25,500–30,600
 * statements/s for a server RSS peak of 227–228, 230–236 and 236–248 MB (bench/RESULTS.md).
 */
export const MAX_STATEMENTS_PER_FOLD = 25_000;

/** About how long one slice of a fold holds the write lock, in milliseconds. */
export const SLICE_MS = 25;

/** The fold state row of `usage_log_folds`. */
interface FoldState {
  foldedThrough: number;
  foldingThrough: number | null;
  fingerprintsDone: number;
  daysDone: number;
}

function foldState(main: Database.Database): FoldState {
  return main
    .prepare(
      `SELECT folded_through AS foldedThrough, folding_through AS foldingThrough, fingerprints_done AS fingerprintsDone, days_done AS daysDone
       FROM usage_log_folds WHERE id = 1`,
    )
    .get() as FoldState;
}

const sameState = (a: FoldState, b: FoldState) =>
  a.foldedThrough === b.foldedThrough &&
  a.foldingThrough === b.foldingThrough &&
  a.fingerprintsDone === b.fingerprintsDone &&
  a.daysDone === b.daysDone;

/** The sequence number of the last batch folded into the database at `main`. */
export function usageFoldMark(main: Database.Database): number {
  return foldState(main).foldedThrough;
}

/** The highest sequence number the database knows of (folded, or being folded): the log's floor. */
export function usageLogFloor(main: Database.Database): number {
  const { foldedThrough, foldingThrough } = foldState(main);
  return Math.max(foldedThrough, foldingThrough ?? 0);
}

type Fingerprint = [tenantId: string, idHash: string, contentHash: string];
type DayRow = [tenantId: string, learnerId: string, courseId: string, day: string, statements: number, sourceId: string | null];

function compareKeys(a: readonly unknown[], b: readonly unknown[], length: number): number {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
  return 0;
}

/**
 * The rows a fold of `batches` stores, each list in key order (a total order, so a resumed fold
 * sorts the same). Statements on the same day are summed; a day keeps the source of the first
 * batch that reported it, as when each batch was stored on its own.
 */
function foldRows(batches: readonly LoggedUsageBatch[]): { fingerprints: Fingerprint[]; days: DayRow[] } {
  const fingerprints: Fingerprint[] = [];
  const days: DayRow[] = [];
  for (const batch of batches) {
    for (const [idHash, contentHash] of batch.statements) fingerprints.push([batch.tenantId, idHash, contentHash]);
    for (const [learnerId, courseId, day, statements] of batch.days) days.push([batch.tenantId, learnerId, courseId, day, statements, batch.sourceId]);
  }
  fingerprints.sort((a, b) => compareKeys(a, b, 2));
  // A stable sort keeps batch order within a key: the first row of a run is the first report.
  days.sort((a, b) => compareKeys(a, b, 4));
  const summed: DayRow[] = [];
  for (const row of days) {
    const last = summed[summed.length - 1];
    if (last && compareKeys(last, row, 4) === 0) last[4] += row[4];
    else summed.push(row);
  }
  return { fingerprints, days: summed };
}

/** How a fold runs. */
export interface FoldOptions {
  /** The most statements a new fold takes on (default {@link MAX_STATEMENTS_PER_FOLD}). */
  maxStatements?: number;
  /** About how long each slice holds the write lock (default {@link SLICE_MS}; 0: one row per slice). */
  sliceMs?: number;
}

/**
 * Folds the batches after the mark (up to `maxStatements` statements), or resumes a fold cut
 * short, one slice per step: yields after each slice commits, and returns the new mark, or null
 * when there was nothing to fold or another process's fold moved on meanwhile. Stopping early
 * leaves a fold that the next one resumes.
 */
export function* foldSlices(main: Database.Database, log: Database.Database, options: FoldOptions = {}): Generator<void, number | null> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  let state = foldState(main);
  const resuming = state.foldingThrough !== null;
  if (!resuming && !hasUsageBatchesAfter(log, state.foldedThrough)) return null;
  const batches = usageBatchesAfter(
    log,
    state.foldedThrough,
    resuming ? { throughSeq: state.foldingThrough! } : { maxStatements: options.maxStatements ?? MAX_STATEMENTS_PER_FOLD },
  );
  if (batches.length === 0 || (resuming && batches[batches.length - 1]!.seq !== state.foldingThrough)) return abandonLostFold(main, state);
  const target = batches[batches.length - 1]!.seq;
  const { fingerprints, days } = foldRows(batches);
  const remember = main.prepare('INSERT INTO usage_statements (tenant_id, id_hash, content_hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const addDay = main.prepare(
    `INSERT INTO usage_days (tenant_id, learner_id, course_id, day, statements, source_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, learner_id, course_id, day) DO UPDATE SET statements = statements + excluded.statements`,
  );
  const record = main.prepare('UPDATE usage_log_folds SET folded_through = ?, folding_through = ?, fingerprints_done = ?, days_done = ? WHERE id = 1');
  const slice = main.transaction((expected: FoldState): FoldState | null => {
    if (!sameState(foldState(main), expected)) return null;
    const until = performance.now() + sliceMs;
    let { fingerprintsDone, daysDone } = expected;
    // At least one row per slice, however slow the machine.
    do {
      if (fingerprintsDone < fingerprints.length) {
        const [tenantId, idHash, contentHash] = fingerprints[fingerprintsDone++]!;
        remember.run(tenantId, Buffer.from(idHash, 'hex'), Buffer.from(contentHash, 'hex'));
      } else if (daysDone < days.length) addDay.run(days[daysDone++]!);
    } while ((fingerprintsDone < fingerprints.length || daysDone < days.length) && performance.now() < until);
    const next = { foldedThrough: expected.foldedThrough, foldingThrough: target, fingerprintsDone, daysDone };
    record.run(next.foldedThrough, next.foldingThrough, next.fingerprintsDone, next.daysDone);
    return next;
  });
  while (state.foldingThrough === null || state.fingerprintsDone < fingerprints.length || state.daysDone < days.length) {
    const next = slice.immediate(state);
    if (!next) return null;
    state = next;
    yield;
  }
  if (!finishFold(main, state)) return null;
  dropUsageBatchesThrough(log, target);
  return target;
}

/** Records that every batch up to `through` is folded, and no fold is under way. */
function moveMark(main: Database.Database, through: number): void {
  main.prepare('UPDATE usage_log_folds SET folded_through = ?, folding_through = NULL, fingerprints_done = 0, days_done = 0 WHERE id = 1').run(through);
}

/**
 * Moves the mark past a fold whose rows are all stored, in a transaction committed with
 * `synchronous = FULL`: the fold then deletes its batches from the log, so the database must have
 * them on disk first (with NORMAL, a power cut could keep the log's delete and lose the commit).
 * Syncing the WAL makes the fold's earlier slices durable too. False if another fold moved on.
 */
function finishFold(main: Database.Database, expected: FoldState): boolean {
  const synchronous = main.pragma('synchronous', { simple: true }) as number;
  main.pragma('synchronous = FULL');
  try {
    return main
      .transaction(() => {
        if (!sameState(foldState(main), expected)) return false;
        moveMark(main, expected.foldingThrough!);
        return true;
      })
      .immediate();
  } finally {
    main.pragma(`synchronous = ${synchronous}`);
  }
}

/** Runs a whole fold ({@link foldSlices}) and returns the new mark, or null when nothing was folded. */
export function foldUsageLog(main: Database.Database, log: Database.Database, options: FoldOptions = {}): number | null {
  const slices = foldSlices(main, log, options);
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
  }
}

/**
 * A fold under way whose batches are no longer in the log (the log file was lost or replaced):
 * it cannot be finished, so the mark moves past it and what it had not stored is lost with the log.
 */
function abandonLostFold(main: Database.Database, state: FoldState): null {
  main
    .transaction(() => {
      if (!sameState(foldState(main), state) || state.foldingThrough === null) return;
      moveMark(main, state.foldingThrough);
    })
    .immediate();
  return null;
}

/**
 * Folds until nothing is left for this process to fold (another process may still be folding what
 * remains) and returns the mark: at start-up, and in a CLI command.
 */
export function foldAllUsage(main: Database.Database, log: Database.Database): number {
  let mark = usageFoldMark(main);
  for (let next = foldUsageLog(main, log); next !== null; next = foldUsageLog(main, log)) mark = next;
  return mark;
}
