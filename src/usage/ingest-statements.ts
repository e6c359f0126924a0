import type { Db } from '../db/client.js';
import { addUsageDay, courseUsageRules, findLearnerIdBy, findStatementContentHash, rememberStatement, type CourseRule } from '../db/usage-repository.js';
import { AppError } from '../errors.js';
import { sha256Hex } from '../security/hashes.js';
import { actorIdentity, parseStatement, statementContentHash, statementUtcDay, type StatementError, type XapiStatement } from './xapi-statement.js';

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

/**
 * Ingests xAPI statements for a tenant. Each accepted statement is reduced to (learner, course,
 * UTC day) and counted on that active day; the raw statement is not stored, only hashes of its
 * id and content so a replay is recognised. A known id with different content is a 409 and the
 * whole batch is rolled back (as xAPI requires); invalid statements are rejected individually.
 */
export function ingestStatements(
  deps: { db: Db },
  options: { tenantId: string; sourceId: string | null; statements: unknown[] },
): IngestResult {
  const { tenantId, sourceId, statements } = options;
  if (statements.length > MAX_STATEMENTS_PER_BATCH) {
    throw new AppError('batch_too_large', 413, `Send at most ${MAX_STATEMENTS_PER_BATCH} statements per request.`, { field: 'body' });
  }
  const result: IngestResult = { accepted: 0, duplicates: 0, unmatched: 0, rejected: [], ids: [] };
  const valid: Array<{ index: number; statement: XapiStatement }> = [];
  statements.forEach((item, index) => {
    const parsed = parseStatement(item);
    if (parsed.ok) valid.push({ index, statement: parsed.statement });
    else result.rejected.push({ index, errors: parsed.errors });
    result.ids.push(null);
  });
  deps.db.transaction((tx) => {
    const rules = courseUsageRules(tx, tenantId);
    const learnerCache = new Map<string, string | undefined>();
    for (const { index, statement } of valid) {
      const contentHash = statementContentHash(statement);
      const id = statement.id?.toLowerCase() ?? uuidFromHash(contentHash);
      result.ids[index] = id;
      const idHash = sha256Hex(`id:${id}`);
      const known = findStatementContentHash(tx, tenantId, idHash);
      if (known !== undefined) {
        if (known !== contentHash) {
          throw new AppError('statement_conflict', 409, `Statement ${id} was already received with different content.`, {
            field: `[${index}].id`,
          });
        }
        result.duplicates++;
        continue;
      }
      rememberStatement(tx, { tenantId, idHash, contentHash });
      const courseIds = matchingCourses(statement, rules);
      const learnerId = courseIds.length > 0 ? resolveLearner(tx, tenantId, statement, learnerCache) : undefined;
      if (!learnerId) {
        result.unmatched++;
        continue;
      }
      const day = statementUtcDay(statement);
      for (const courseId of courseIds) addUsageDay(tx, { tenantId, learnerId, courseId, day, sourceId });
      result.accepted++;
    }
  });
  return result;
}

function resolveLearner(db: Db, tenantId: string, statement: XapiStatement, cache: Map<string, string | undefined>): string | undefined {
  const identity = actorIdentity(statement);
  const key = JSON.stringify(identity);
  if (cache.has(key)) return cache.get(key);
  const learnerId =
    identity.kind === 'email'
      ? findLearnerIdBy(db, tenantId, { email: identity.email })
      : identity.kind === 'email_sha1'
        ? findLearnerIdBy(db, tenantId, { emailSha1: identity.sha1 })
        : identity.kind === 'account'
          ? findLearnerIdBy(db, tenantId, { id: identity.name })
          : undefined;
  cache.set(key, learnerId);
  return learnerId;
}
