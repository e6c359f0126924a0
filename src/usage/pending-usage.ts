import type { LoggedUsageBatch } from './usage-log.js';

/** An active day waiting in the log, with the source of the batch that reported it. */
export interface PendingActiveDay {
  day: string;
  sourceId: string | null;
}

/** One learner's pending days for one course: flat [day, sourceId] pairs, oldest batch first. */
interface LearnerCourseDays {
  key: string;
  pairs: Array<string | null>;
}

/** What is kept of a held batch: enough to drop it again. */
interface HeldBatch {
  seq: number;
  tenantId: string;
  idHashes: string[];
  /** The day lists this batch added a pair to, one entry per pair. */
  dayLists: LearnerCourseDays[];
}

/**
 * The logged usage batches not yet folded into the database, held in memory and indexed for what
 * reads need before the fold: ingest's duplicate check (statement id hash → content hash) and a
 * learner's active days for the verify page. Batches are added in log order (after the appending
 * transaction commits, or when read back from the log) and dropped in that order once a fold has
 * moved the mark past them; while both hold a batch, the database and this agree, so readers may
 * use either. Kept compact (about 200 bytes per statement): under full ingest load it holds two
 * folds' worth, some 50,000 statements.
 */
export class PendingUsage {
  private readonly held: HeldBatch[] = [];
  /** Per tenant: id hash → content hash. */
  private readonly contentHashes = new Map<string, Map<string, string>>();
  /** Per tenant: `learnerId \0 courseId` → that learner's pending days for the course. */
  private readonly days = new Map<string, Map<string, LearnerCourseDays>>();
  private last = 0;
  private statements = 0;

  /** The sequence number of the last batch held or already dropped: later ones are not yet known here. */
  get seenThrough(): number {
    return this.last;
  }

  /** Statements held, across all batches. */
  get statementCount(): number {
    return this.statements;
  }

  /** Starts (or moves) past `seq` without holding anything up to it: those batches are folded. */
  skipThrough(seq: number): void {
    this.trimThrough(seq);
    this.last = Math.max(this.last, seq);
  }

  /** Holds a logged batch; batches at or before {@link seenThrough} are ignored. */
  add(batch: LoggedUsageBatch): void {
    if (batch.seq <= this.last) return;
    this.last = batch.seq;
    const hashes = tenantMap(this.contentHashes, batch.tenantId);
    for (const [idHash, contentHash] of batch.statements) hashes.set(idHash, contentHash);
    this.statements += batch.statements.length;
    const tenantDays = tenantMap(this.days, batch.tenantId);
    const dayLists: LearnerCourseDays[] = [];
    for (const [learnerId, courseId, day] of batch.days) {
      const key = `${learnerId}\0${courseId}`;
      let list = tenantDays.get(key);
      if (!list) tenantDays.set(key, (list = { key, pairs: [] }));
      list.pairs.push(day, batch.sourceId);
      dayLists.push(list);
    }
    this.held.push({ seq: batch.seq, tenantId: batch.tenantId, idHashes: batch.statements.map(([idHash]) => idHash), dayLists });
  }

  /** Drops the batches up to and including `seq` (a fold has moved them into the database). */
  trimThrough(seq: number): void {
    while (this.held.length > 0 && this.held[0]!.seq <= seq) {
      const batch = this.held.shift()!;
      const hashes = this.contentHashes.get(batch.tenantId)!;
      for (const idHash of batch.idHashes) hashes.delete(idHash);
      this.statements -= batch.idHashes.length;
      if (hashes.size === 0) this.contentHashes.delete(batch.tenantId);
      const tenantDays = this.days.get(batch.tenantId)!;
      // Batches leave in the order they came, so each list's oldest pair is this batch's.
      for (const list of batch.dayLists) {
        list.pairs.splice(0, 2);
        if (list.pairs.length === 0) tenantDays.delete(list.key);
      }
      if (tenantDays.size === 0) this.days.delete(batch.tenantId);
    }
  }

  /** The content hash of a held statement, by its id hash (hex), if a held batch has it. */
  contentHashOf(tenantId: string, idHash: string): string | undefined {
    return this.contentHashes.get(tenantId)?.get(idHash);
  }

  /** A learner's held active days for a course (a day reported twice appears twice), with their sources. */
  daysOf(key: { tenantId: string; learnerId: string; courseId: string }): PendingActiveDay[] {
    const pairs = this.days.get(key.tenantId)?.get(`${key.learnerId}\0${key.courseId}`)?.pairs ?? [];
    const days: PendingActiveDay[] = [];
    for (let i = 0; i < pairs.length; i += 2) days.push({ day: pairs[i]!, sourceId: pairs[i + 1]! });
    return days;
  }
}

function tenantMap<V>(maps: Map<string, Map<string, V>>, tenantId: string): Map<string, V> {
  let map = maps.get(tenantId);
  if (!map) maps.set(tenantId, (map = new Map()));
  return map;
}
