import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { foldSlices, foldUsageLog, usageFoldMark } from '../../../src/usage/fold-usage-log.js';
import { appendUsageBatch, openUsageLog, usageLogPathFor, type UsageBatch } from '../../../src/usage/usage-log.js';

// The fold on real SQLite files: a database opened as the server opens it, and the log beside it
// written and folded through connections of their own, as another process (or the fold thread) would.
let dir: string;
let path: string;
let database: DatabaseHandle;
let log: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-fold-'));
  path = join(dir, 'credence.db');
  database = openDatabase(path);
  log = openUsageLog(usageLogPathFor(path), 0);
});
afterEach(() => {
  log.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const hash = (n: number) => n.toString(16).padStart(32, '0');
const append = (batch: Partial<UsageBatch> & Pick<UsageBatch, 'statements' | 'days'>) =>
  log.transaction(() => appendUsageBatch(log, { tenantId: 'acme', sourceId: null, ...batch })).immediate();
const days = () => database.sqlite.prepare('SELECT learner_id, course_id, day, statements, source_id FROM usage_days ORDER BY 1, 2, 3').raw().all();
const fingerprints = () => (database.sqlite.prepare('SELECT id_hash, content_hash FROM usage_statements ORDER BY 1').raw().all() as Buffer[][]).map((row) => row.map((b) => b.toString('hex')));
const logged = () => log.prepare('SELECT count(*) FROM usage_log').pluck().get();
const state = () => database.sqlite.prepare('SELECT folded_through, folding_through, fingerprints_done, days_done FROM usage_log_folds').raw().get();

/** Three batches whose days overlap, from two sources: 6 fingerprints and 5 distinct days. */
function appendThreeBatches(): number {
  append({ sourceId: 'ide', statements: [[hash(1), hash(101)], [hash(2), hash(102)]], days: [['l1', 'c1', '2026-11-01', 1], ['l1', 'c1', '2026-11-02', 1]] });
  append({ sourceId: 'lrs', statements: [[hash(3), hash(103)], [hash(4), hash(104)], [hash(5), hash(105)]], days: [['l1', 'c1', '2026-11-01', 2], ['l2', 'c1', '2026-11-01', 1]] });
  return append({ statements: [[hash(6), hash(106)]], days: [['l1', 'c2', '2026-11-03', 1], ['l2', 'c1', '2026-10-31', 1]] });
}
const FOLDED_DAYS = [
  ['l1', 'c1', '2026-11-01', 3, 'ide'],
  ['l1', 'c1', '2026-11-02', 1, 'ide'],
  ['l1', 'c2', '2026-11-03', 1, null],
  ['l2', 'c1', '2026-10-31', 1, null],
  ['l2', 'c1', '2026-11-01', 1, 'lrs'],
];
const FOLDED_FINGERPRINTS = [1, 2, 3, 4, 5, 6].map((n) => [hash(n), hash(100 + n)]);

describe('folding the usage log', () => {
  it('stores every batch in key order, sums a day and keeps the first source, then empties the log', () => {
    const last = appendThreeBatches();
    expect(foldUsageLog(database.sqlite, log)).toBe(last);
    expect(days()).toEqual(FOLDED_DAYS);
    expect(fingerprints()).toEqual(FOLDED_FINGERPRINTS);
    expect(usageFoldMark(database.sqlite)).toBe(last);
    expect(logged()).toBe(0);
    expect(foldUsageLog(database.sqlite, log)).toBeNull();
  });

  it('folds at most about maxStatements per fold, whole batches at a time', () => {
    const last = appendThreeBatches();
    const first = foldUsageLog(database.sqlite, log, { maxStatements: 4 });
    expect(first).toBe(last - 1);
    expect(fingerprints()).toHaveLength(5);
    expect(foldUsageLog(database.sqlite, log, { maxStatements: 4 })).toBe(last);
    expect(days()).toEqual(FOLDED_DAYS);
  });

  it('resumes a fold cut short between slices and stores each row exactly once', () => {
    const last = appendThreeBatches();
    const cutShort = foldSlices(database.sqlite, log, { sliceMs: 0 });
    for (let i = 0; i < 8; i++) cutShort.next(); // 6 fingerprints and 2 of the 5 days, one row per slice
    expect(state()).toEqual([0, last, 6, 2]);
    expect(days()).toHaveLength(2);
    expect(logged()).toBe(3);

    // A new connection, as after a restart: the fold resumes from the recorded progress.
    const restarted = new Database(path);
    expect(foldUsageLog(restarted, log)).toBe(last);
    restarted.close();
    expect(days()).toEqual(FOLDED_DAYS);
    expect(fingerprints()).toEqual(FOLDED_FINGERPRINTS);
    expect(state()).toEqual([last, null, 0, 0]);
  });

  it('lets two folders race: each row is stored once and the one that falls behind stops', () => {
    const last = appendThreeBatches();
    const other = new Database(path);
    const first = foldSlices(database.sqlite, log, { sliceMs: 0 });
    const second = foldSlices(other, log, { sliceMs: 0 });
    expect(first.next().done).toBe(false); // the first folder starts
    expect(second.next().done).toBe(false); // the second resumes the first's fold one row further
    expect(first.next()).toEqual({ done: true, value: null }); // the first finds the progress moved
    let step = second.next();
    while (!step.done) step = second.next();
    expect(step.value).toBe(last);
    other.close();
    expect(days()).toEqual(FOLDED_DAYS);
    expect(fingerprints()).toEqual(FOLDED_FINGERPRINTS);
  });

  it('gives up a fold whose batches left with a lost log file, and numbers new batches past it', () => {
    const last = appendThreeBatches();
    const cutShort = foldSlices(database.sqlite, log, { sliceMs: 0 });
    cutShort.next();
    log.close();
    rmSync(usageLogPathFor(path));
    log = openUsageLog(usageLogPathFor(path), last);
    expect(foldUsageLog(database.sqlite, log)).toBeNull();
    expect(state()).toEqual([last, null, 0, 0]);
    expect(append({ statements: [[hash(7), hash(107)]], days: [] })).toBe(last + 1);
    expect(foldUsageLog(database.sqlite, log)).toBe(last + 1);
  });

  it('is folded when the database is opened again, after a process left batches in the log', () => {
    const last = appendThreeBatches();
    database.close();
    database = openDatabase(path);
    expect(days()).toEqual(FOLDED_DAYS);
    expect(usageFoldMark(database.sqlite)).toBe(last);
  });
});
