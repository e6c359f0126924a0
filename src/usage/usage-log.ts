/**
 * The usage log: a small SQLite file beside the database to which ingest appends each batch of
 * accepted usage, one row per request, before it is folded into `usage_days` and
 * `usage_statements` (src/usage/fold-usage-log.ts). Appending writes a few pages at the end of one
 * file instead of two random B-tree pages per statement, and the log has its own write lock, so
 * appending never waits for a fold's transactions. Raw statements are not kept here either: only
 * the fingerprints and the (learner, course, day) counts that ingest derived from them.
 *
 * This module depends only on better-sqlite3: the fold thread imports it.
 */
import Database from 'better-sqlite3';

/** One active day a batch adds: learner, course, UTC day (`YYYY-MM-DD`) and statement count. */
export type LoggedDay = [learnerId: string, courseId: string, day: string, statements: number];

/** What one ingest request added: the fingerprints of its new statements and its active days. */
export interface UsageBatch {
  tenantId: string;
  /** The usage source that sent the batch (null for the tenant's admin key). */
  sourceId: string | null;
  /** Per new statement: [id hash, content hash], each 16 bytes as 32 hex digits. */
  statements: Array<[idHash: string, contentHash: string]>;
  days: LoggedDay[];
}

/** A batch as stored, with its place in the log (sequence numbers only grow, across deletes). */
export interface LoggedUsageBatch extends UsageBatch {
  seq: number;
}

const FINGERPRINT_BYTES = 16;

/** Where the usage log of the database at `databasePath` lives (in memory for an in-memory database). */
export function usageLogPathFor(databasePath: string): string {
  return databasePath === ':memory:' ? ':memory:' : `${databasePath}.usage-log`;
}

/**
 * A connection to the usage log at `path` (created by {@link openUsageLog}): WAL, a busy timeout,
 * and SQLite's default 2 MB page cache (not better-sqlite3's 16 MB): the log is appended to and read
 * back once, so a cache would only hold pages already done with.
 */
export function openUsageLogConnection(path: string): Database.Database {
  const log = new Database(path);
  log.pragma('journal_mode = WAL');
  log.pragma('busy_timeout = 5000');
  log.pragma('synchronous = NORMAL');
  log.pragma('cache_size = -2000');
  return log;
}

/**
 * Opens the usage log at `path`, creating it if needed. `floor` is the highest sequence number the
 * main database knows of: if the log file was lost or replaced, its sequence is moved past it, so
 * new batches are never mistaken for folded ones.
 */
export function openUsageLog(path: string, floor: number): Database.Database {
  const log = openUsageLogConnection(path);
  log.exec(`CREATE TABLE IF NOT EXISTS usage_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL,
    source_id TEXT,
    statements BLOB NOT NULL,
    days TEXT NOT NULL
  )`);
  log.transaction(() => {
    const current = log.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'usage_log'`).pluck().get() as number | undefined;
    if (current === undefined) log.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('usage_log', ?)`).run(floor);
    else if (current < floor) log.prepare(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'usage_log'`).run(floor);
  }).immediate();
  return log;
}

/** Appends a batch and returns its sequence number. Call inside a write transaction on `log`. */
export function appendUsageBatch(log: Database.Database, batch: UsageBatch): number {
  const fingerprints = Buffer.concat(batch.statements.flatMap(([idHash, contentHash]) => [Buffer.from(idHash, 'hex'), Buffer.from(contentHash, 'hex')]));
  const { lastInsertRowid } = log
    .prepare('INSERT INTO usage_log (tenant_id, source_id, statements, days) VALUES (?, ?, ?, ?)')
    .run(batch.tenantId, batch.sourceId, fingerprints, JSON.stringify(batch.days));
  return Number(lastInsertRowid);
}

interface LogRow {
  seq: number;
  tenant_id: string;
  source_id: string | null;
  statements: Buffer;
  days: string;
}

function batchOf(row: LogRow): LoggedUsageBatch {
  const statements: UsageBatch['statements'] = [];
  for (let at = 0; at < row.statements.length; at += 2 * FINGERPRINT_BYTES) {
    statements.push([
      row.statements.toString('hex', at, at + FINGERPRINT_BYTES),
      row.statements.toString('hex', at + FINGERPRINT_BYTES, at + 2 * FINGERPRINT_BYTES),
    ]);
  }
  return { seq: row.seq, tenantId: row.tenant_id, sourceId: row.source_id, statements, days: JSON.parse(row.days) as LoggedDay[] };
}

/** Bounds of {@link usageBatchesAfter}. */
export interface BatchRange {
  /** Stop once the batches hold this many statements (at least one batch is read when there is one). */
  maxStatements?: number;
  /** The last sequence number to read. */
  throughSeq?: number;
}

/** The batches after sequence number `seq`, in order, within `range`. */
export function usageBatchesAfter(log: Database.Database, seq: number, range: BatchRange = {}): LoggedUsageBatch[] {
  const { maxStatements = Infinity, throughSeq = Number.MAX_SAFE_INTEGER } = range;
  const batches: LoggedUsageBatch[] = [];
  let statements = 0;
  const rows = log.prepare('SELECT seq, tenant_id, source_id, statements, days FROM usage_log WHERE seq > ? AND seq <= ? ORDER BY seq').iterate(seq, throughSeq);
  for (const row of rows as IterableIterator<LogRow>) {
    const batch = batchOf(row);
    batches.push(batch);
    statements += batch.statements.length;
    if (statements >= maxStatements) break;
  }
  return batches;
}

/** Whether the log holds a batch after sequence number `seq`. */
export function hasUsageBatchesAfter(log: Database.Database, seq: number): boolean {
  return log.prepare('SELECT 1 FROM usage_log WHERE seq > ? LIMIT 1').pluck().get(seq) !== undefined;
}

/** Deletes the batches up to and including `seq` (they have been folded). */
export function dropUsageBatchesThrough(log: Database.Database, seq: number): void {
  log.prepare('DELETE FROM usage_log WHERE seq <= ?').run(seq);
}
