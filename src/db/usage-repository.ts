import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import type { PendingActiveDay } from '../usage/pending-usage.js';
import { courses, learners, usageDays, usageStatements, type CourseUsageRule } from './schema.js';

/** A course of the tenant that has a usage rule. */
export interface CourseRule {
  courseId: string;
  rule: CourseUsageRule;
}

/** The tenant's courses that define which activities count as applying their skill. */
export function courseUsageRules(db: Db, tenantId: string): CourseRule[] {
  return prepared(db, 'courseUsageRules', (d) =>
    d
      .select({ courseId: courses.id, rule: courses.usage })
      .from(courses)
      .where(and(eq(courses.tenantId, sql.placeholder('tenantId')), isNotNull(courses.usage)))
      .prepare(),
  )
    .all({ tenantId })
    .map((row) => ({ courseId: row.courseId, rule: row.rule! }));
}

/**
 * Values per `IN (…)` list. Every list has exactly this many placeholders (a short chunk repeats
 * its first value, harmless in `IN`), so each query is prepared once instead of once per length;
 * 256 keeps a 1,000-statement batch at four queries, far below SQLite's variable limit.
 */
const IN_CHUNK = 256;
const IN_PLACEHOLDERS = Array.from({ length: IN_CHUNK }, (_, i) => sql.placeholder(`v${i}`));

/** Runs `query` once per chunk of `values` (deduplicated), binding them as v0…v255. */
function chunked<Row>(values: readonly string[], query: (params: Record<string, string>) => Row[]): Row[] {
  const distinct = [...new Set(values)];
  const rows: Row[] = [];
  for (let start = 0; start < distinct.length; start += IN_CHUNK) {
    const params: Record<string, string> = {};
    for (let i = 0; i < IN_CHUNK; i++) params[`v${i}`] = distinct[start + i] ?? distinct[start]!;
    rows.push(...query(params));
  }
  return rows;
}

/** The learner columns an xAPI actor can be matched on. */
export type LearnerKey = 'email' | 'emailSha1' | 'id';

/**
 * Finds the tenant's learners by email, SHA-1 of the mailto IRI, or LMS learner id, for many
 * values in one query per 256: value → learner id (the smallest id when several learners share
 * an email). Values without a learner are absent from the map.
 */
export function findLearnerIdsBy(db: Db, tenantId: string, key: LearnerKey, values: readonly string[]): Map<string, string> {
  if (values.length === 0) return new Map();
  const column: SQLiteColumn = learners[key];
  // min(id) per value is what `ORDER BY id LIMIT 1` per value gave (same BINARY collation); the
  // IN list is searched through the covering (tenant, email, id) indexes, one seek per value.
  const query = prepared(db, `learnerIdsBy:${key}`, (d) =>
    d
      .select({ value: sql<string>`${column}`, id: sql<string>`min(${learners.id})` })
      .from(learners)
      .where(and(eq(learners.tenantId, sql.placeholder('tenantId')), inArray(column, IN_PLACEHOLDERS)))
      .groupBy(column)
      .prepare(),
  );
  return new Map(chunked(values, (params) => query.all({ ...params, tenantId })).map((row) => [row.value, row.id]));
}

const bytesOf = (hex: string) => Buffer.from(hex, 'hex');

/** Content hashes (hex) already stored for these statement id hashes (hex), one query per 256 ids. */
export function findStatementContentHashes(db: Db, tenantId: string, idHashes: readonly string[]): Map<string, string> {
  if (idHashes.length === 0) return new Map();
  const query = prepared(db, 'statementContentHashes', (d) =>
    d
      .select({ idHash: usageStatements.idHash, contentHash: usageStatements.contentHash })
      .from(usageStatements)
      .where(and(eq(usageStatements.tenantId, sql.placeholder('tenantId')), inArray(usageStatements.idHash, IN_PLACEHOLDERS)))
      .prepare(),
  );
  const rows = chunked(idHashes, (params) =>
    query.all({ ...Object.fromEntries(Object.entries(params).map(([name, hex]) => [name, bytesOf(hex)])), tenantId }),
  );
  return new Map(rows.map((row) => [row.idHash.toString('hex'), row.contentHash.toString('hex')]));
}

function sameLearnerCourse(): SQL | undefined {
  return and(
    eq(usageDays.tenantId, sql.placeholder('tenantId')),
    eq(usageDays.learnerId, sql.placeholder('learnerId')),
    eq(usageDays.courseId, sql.placeholder('courseId')),
  );
}

/**
 * A learner's active days for a course (ascending) and the sources that reported them (in order of
 * first day). `pending` adds the days still in the usage log (see src/usage/pending-usage.ts); a day
 * both there and in the table keeps the table's source.
 */
export function learnerUsage(
  db: Db,
  key: { tenantId: string; learnerId: string; courseId: string },
  pending: readonly PendingActiveDay[] = [],
): { days: string[]; sourceIds: string[] } {
  // One string from the covering primary-key index instead of 700+ row objects (or arrays) for
  // a daily user: SQLite's per-row result values were most of the cost. Days contain no comma.
  const joined = prepared(db, 'learnerUsageDays', (d) =>
    d
      .select({ days: sql<string | null>`group_concat(${usageDays.day}, ',')` })
      .from(usageDays)
      .where(sameLearnerCourse())
      .prepare(),
  ).get(key)?.days;
  const days = joined ? joined.split(',') : [];
  // Sources are few: one row per source with the first day it reported.
  const sources = prepared(db, 'learnerUsageSources', (d) =>
    d
      .select({ sourceId: usageDays.sourceId, firstDay: sql<string>`min(${usageDays.day})` })
      .from(usageDays)
      .where(and(sameLearnerCourse(), isNotNull(usageDays.sourceId)))
      .groupBy(usageDays.sourceId)
      .prepare(),
  ).values(key) as Array<[string, string]>;
  const firstDays = new Map(sources);
  const seen = new Set(days);
  for (const { day, sourceId } of pending) {
    if (seen.has(day)) continue;
    seen.add(day);
    days.push(day);
    const first = sourceId === null ? undefined : firstDays.get(sourceId);
    if (sourceId !== null && (first === undefined || day < first)) firstDays.set(sourceId, day);
  }
  // The index yields the stored days in order; pending ones are appended after them, so sort only then.
  if (!days.every((day, i) => i === 0 || days[i - 1]! < day)) days.sort();
  const sourceIds = [...firstDays].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sourceId]) => sourceId);
  return { days, sourceIds };
}
