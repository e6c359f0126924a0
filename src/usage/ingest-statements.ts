import type { Db } from '../db/client.js';
import { courseUsageRules, findLearnerIdsBy, findStatementContentHashes, type CourseRule, type LearnerKey } from '../db/usage-repository.js';
import { AppError } from '../errors.js';
import { ingestSha256Hex } from './ingest-hash.js';
import { actorIdentity, parseStatement, statementFingerprint, type StatementError, type XapiStatement } from './xapi-statement.js';
import { usageFoldMark } from './fold-usage-log.js';
import { appendUsageBatch, type LoggedDay, type LoggedUsageBatch, type UsageBatch } from './usage-log.js';
import { catchUpPendingUsage, type UsageLogStore } from './usage-log-store.js';

/** What ingest needs: the database (learners, courses, folded fingerprints) and its usage log. */
export interface IngestDeps {
  db: Db;
  usageLog: UsageLogStore;
}

/** Most statements one request may carry. */
export const MAX_STATEMENTS_PER_BATCH = 1000;

/** What happened to a batch of statements. */
export interface IngestResult {
  /** New statements that matched a learner and at least one course's usage rule. */
  accepted: number;
  /** Statements seen before (same id and content): replays change nothing. */
  duplicates: number;
  /** Valid new statements for no known learner or no course rule: kept out, not an error. */
  unmatched: number;
  /** Invalid statements, by position in the batch; the others are still processed. */
  rejected: Array<{ index: number; errors: StatementError[] }>;
  /** The statement id of each valid statement, by position (null for rejected ones). */
  ids: Array<string | null>;
}

/** A UUID derived from a content hash, for statements sent without an id (stable on replay). */
function uuidFromHash(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

function matchingCourses(statement: XapiStatement, rules: CourseRule[]): string[] {
  const objectId = statement.object.id;
  const verbId = statement.verb.id;
  return rules
    .filter(({ rule }) => rule.activities.some((prefix) => objectId.startsWith(prefix)) && (!rule.verbs || rule.verbs.includes(verbId)))
    .map(({ courseId }) => courseId);
}

/** The learner column and value an actor is matched on; openid actors match no learner. */
function learnerKeyOf(statement: XapiStatement): { key: LearnerKey; value: string } | undefined {
  const identity = actorIdentity(statement);
  if (identity.kind === 'email') return { key: 'email', value: identity.email };
  if (identity.kind === 'email_sha1') return { key: 'emailSha1', value: identity.sha1 };
  if (identity.kind === 'account') return { key: 'id', value: identity.name };
  return undefined;
}

/** A new statement that matched at least one course, waiting for its learner. */
interface Candidate {
  learner: { key: LearnerKey; value: string } | undefined;
  courseIds: string[];
  day: string;
}

/** A valid statement of the batch with what dedup and the active day need of it. */
interface ValidStatement {
  index: number;
  statement: XapiStatement;
  /** Fingerprints of the id and the content (see {@link fingerprintOf}). */
  idHash: string;
  contentHash: string;
  day: string;
}

/**
 * The fingerprint stored for a SHA-256 (hex): its first 128 bits. Plenty to tell statements apart
 * (a chance collision is expected after about 2^64 statements of one tenant) at half the bytes.
 */
const fingerprintOf = (sha256Hex: string) => sha256Hex.slice(0, 32);

/**
 * Validates and fingerprints the batch: pure work, done before the write transaction so it holds
 * the database lock only for the queries. Fills `result.ids` and `result.rejected`.
 */
function validStatementsOf(statements: unknown[], result: IngestResult): ValidStatement[] {
  const valid: ValidStatement[] = [];
  statements.forEach((item, index) => {
    result.ids.push(null);
    const parsed = parseStatement(item);
    if (!parsed.ok) {
      result.rejected.push({ index, errors: parsed.errors });
      return;
    }
    const { contentHash, utcDay } = statementFingerprint(parsed.statement);
    const id = parsed.statement.id?.toLowerCase() ?? uuidFromHash(contentHash);
    result.ids[index] = id;
    valid.push({
      index,
      statement: parsed.statement,
      idHash: fingerprintOf(ingestSha256Hex(`id:${id}`)),
      contentHash: fingerprintOf(contentHash),
      day: utcDay,
    });
  });
  return valid;
}

/**
 * The statements of the batch not seen before, in batch order. An id already known (folded into the
 * database, waiting in the usage log, or earlier in this batch) is a replay when its content hash
 * is the same (counted as a duplicate) and a 409 conflict otherwise. Call with the log's write
 * lock held and the pending batches caught up: nothing can be appended meanwhile, and a batch
 * either is still pending or was folded before the database is read.
 */
function newStatements(deps: IngestDeps, tenantId: string, valid: ValidStatement[], result: IngestResult): ValidStatement[] {
  const { pending, main } = deps.usageLog;
  pending.trimThrough(usageFoldMark(main));
  const inBatch = new Map<string, string>();
  const knownHashOf = (v: ValidStatement) => inBatch.get(v.idHash) ?? pending.contentHashOf(tenantId, v.idHash);
  const folded = findStatementContentHashes(
    deps.db,
    tenantId,
    valid.filter((v) => knownHashOf(v) === undefined).map((v) => v.idHash),
  );
  return valid.filter((v) => {
    const known = knownHashOf(v) ?? folded.get(v.idHash);
    if (known === undefined) {
      inBatch.set(v.idHash, v.contentHash);
      return true;
    }
    if (known !== v.contentHash) {
      throw new AppError('statement_conflict', 409, `Statement ${result.ids[v.index]} was already received with different content.`, {
        field: `[${v.index}].id`,
      });
    }
    result.duplicates++;
    return false;
  });
}

/** 400 naming every error of the invalid statements (fields as `[index].path`). */
function invalidStatements(rejected: IngestResult['rejected']): AppError {
  const detail = rejected.length === 1 ? `Statement ${rejected[0]!.index} is invalid.` : `${rejected.length} statements are invalid.`;
  return new AppError('invalid_statement', 400, detail, {
    errors: rejected.flatMap(({ index, errors }) => errors.map((e) => ({ field: `[${index}].${e.path}`, message: e.message }))),
  });
}

/**
 * Ingests xAPI statements for a tenant. Each accepted statement is reduced to (learner, course,
 * UTC day) and counted on that active day; the raw statement is not stored, only hashes of its
 * id and content so a replay is recognised. The batch's days and hashes are appended to the usage
 * log in one transaction (after waiting while the fold is too far behind), then folded into the
 * database (at once, or by the fold thread: see src/usage/usage-log-store.ts); until then the
 * verify page reads them from the pending batches. A known id with different content is a 409
 * and nothing of the batch is kept (as xAPI requires). Invalid statements are rejected individually and
 * the valid ones ingested, unless `allOrNothing` (an LRS's rule) or none is valid: then the request
 * is a 400 listing the errors, and nothing is written.
 */
export async function ingestStatements(
  deps: IngestDeps,
  options: { tenantId: string; sourceId: string | null; statements: unknown[]; allOrNothing?: boolean },
): Promise<IngestResult> {
  const { tenantId, sourceId, statements } = options;
  if (statements.length > MAX_STATEMENTS_PER_BATCH) {
    throw new AppError('batch_too_large', 413, `Send at most ${MAX_STATEMENTS_PER_BATCH} statements per request.`, { field: 'body' });
  }
  const result: IngestResult = { accepted: 0, duplicates: 0, unmatched: 0, rejected: [], ids: [] };
  const valid = validStatementsOf(statements, result);
  if (result.rejected.length > 0 && (options.allOrNothing || valid.length === 0)) throw invalidStatements(result.rejected);
  await deps.usageLog.roomToAppend();
  const { log, pending } = deps.usageLog;
  const batch = log
    .transaction((): LoggedUsageBatch | undefined => {
      catchUpPendingUsage(deps.usageLog);
      const fresh = newStatements(deps, tenantId, valid, result);
      if (fresh.length === 0) return undefined;
      const rules = courseUsageRules(deps.db, tenantId);
      const candidates: Candidate[] = [];
      for (const { statement, day } of fresh) {
        const courseIds = matchingCourses(statement, rules);
        if (courseIds.length === 0) result.unmatched++;
        else candidates.push({ learner: learnerKeyOf(statement), courseIds, day });
      }
      const learnerIds = resolveLearners(deps.db, tenantId, candidates);
      // Statements on the same learner, course and day are summed into one entry.
      const days = new Map<string, LoggedDay>();
      for (const { learner, courseIds, day } of candidates) {
        const learnerId = learner && learnerIds.get(learner.key)!.get(learner.value);
        if (!learnerId) {
          result.unmatched++;
          continue;
        }
        for (const courseId of courseIds) {
          const key = `${learnerId}\0${courseId}\0${day}`;
          const entry = days.get(key);
          if (entry) entry[3]++;
          else days.set(key, [learnerId, courseId, day, 1]);
        }
        result.accepted++;
      }
      const appended: UsageBatch = { tenantId, sourceId, statements: fresh.map((v) => [v.idHash, v.contentHash]), days: [...days.values()] };
      return { ...appended, seq: appendUsageBatch(log, appended) };
    })
    .immediate();
  if (batch) {
    pending.add(batch);
    deps.usageLog.appended();
  }
  return result;
}

/** Learner ids for the candidates' actors, one batched lookup per identifier kind. */
function resolveLearners(db: Db, tenantId: string, candidates: Candidate[]): Map<LearnerKey, Map<string, string>> {
  const wanted = new Map<LearnerKey, string[]>([
    ['email', []],
    ['emailSha1', []],
    ['id', []],
  ]);
  for (const { learner } of candidates) if (learner) wanted.get(learner.key)!.push(learner.value);
  return new Map([...wanted].map(([key, values]) => [key, findLearnerIdsBy(db, tenantId, key, values)]));
}
