import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { courses, learners, usageDays, usageStatements, type CourseUsageRule } from './schema.js';

/** A course of the tenant that has a usage rule. */
export interface CourseRule {
  courseId: string;
  rule: CourseUsageRule;
}

/** The tenant's courses that define which activities count as applying their skill. */
export function courseUsageRules(db: Db, tenantId: string): CourseRule[] {
  return db
    .select({ courseId: courses.id, rule: courses.usage })
    .from(courses)
    .where(and(eq(courses.tenantId, tenantId), isNotNull(courses.usage)))
    .all()
    .map((row) => ({ courseId: row.courseId, rule: row.rule! }));
}

/** Finds the tenant's learner by email, SHA-1 of the mailto IRI, or LMS learner id (the smallest id if several match). */
export function findLearnerIdBy(db: Db, tenantId: string, by: { email?: string; emailSha1?: string; id?: string }): string | undefined {
  const field = by.email !== undefined ? 'email' : by.emailSha1 !== undefined ? 'emailSha1' : 'id';
  const value = by.email ?? by.emailSha1 ?? by.id;
  if (value === undefined) return undefined;
  const column = learners[field];
  // ORDER BY +id (not id): a plain ORDER BY id makes SQLite walk the (tenant, id) primary key and
  // test every learner of the tenant (a full scan per statement); the unary plus keeps the same
  // order but lets it search the email index and sort the one or two matches.
  return prepared(db, `learnerIdBy:${field}`, (d) =>
    d
      .select({ id: learners.id })
      .from(learners)
      .where(and(eq(learners.tenantId, sql.placeholder('tenantId')), eq(column, sql.placeholder('value'))))
      .orderBy(sql`+${learners.id}`)
      .limit(1)
      .prepare(),
  ).get({ tenantId, value })?.id;
}

/** The content hash stored for a statement id, if the statement was seen before. */
export function findStatementContentHash(db: Db, tenantId: string, idHash: string): string | undefined {
  return prepared(db, 'statementContentHash', (d) =>
    d
      .select({ contentHash: usageStatements.contentHash })
      .from(usageStatements)
      .where(and(eq(usageStatements.tenantId, sql.placeholder('tenantId')), eq(usageStatements.idHash, sql.placeholder('idHash'))))
      .prepare(),
  ).get({ tenantId, idHash })?.contentHash;
}

/** Remembers a statement id and content hash. */
export function rememberStatement(db: Db, row: typeof usageStatements.$inferInsert): void {
  prepared(db, 'rememberStatement', (d) =>
    d
      .insert(usageStatements)
      .values({ tenantId: sql.placeholder('tenantId'), idHash: sql.placeholder('idHash'), contentHash: sql.placeholder('contentHash') })
      .onConflictDoNothing()
      .prepare(),
  ).run(row);
}

/** Adds one statement to a learner's active day for a course (creating the day if needed). */
export function addUsageDay(
  db: Db,
  row: { tenantId: string; learnerId: string; courseId: string; day: string; sourceId: string | null },
): void {
  prepared(db, 'addUsageDay', (d) =>
    d
      .insert(usageDays)
      .values({
        tenantId: sql.placeholder('tenantId'),
        learnerId: sql.placeholder('learnerId'),
        courseId: sql.placeholder('courseId'),
        day: sql.placeholder('day'),
        statements: 1,
        sourceId: sql.placeholder('sourceId'),
      })
      .onConflictDoUpdate({
        target: [usageDays.tenantId, usageDays.learnerId, usageDays.courseId, usageDays.day],
        set: { statements: sql`${usageDays.statements} + 1` },
      })
      .prepare(),
  ).run(row);
}

/** A learner's active days for a course (ascending) and the sources that reported them. */
export function learnerUsage(
  db: Db,
  key: { tenantId: string; learnerId: string; courseId: string },
): { days: string[]; sourceIds: string[] } {
  const rows = prepared(db, 'learnerUsage', (d) =>
    d
      .select({ day: usageDays.day, sourceId: usageDays.sourceId })
      .from(usageDays)
      .where(
        and(
          eq(usageDays.tenantId, sql.placeholder('tenantId')),
          eq(usageDays.learnerId, sql.placeholder('learnerId')),
          eq(usageDays.courseId, sql.placeholder('courseId')),
        ),
      )
      .orderBy(asc(usageDays.day))
      .prepare(),
  ).all(key);
  const sourceIds = [...new Set(rows.map((r) => r.sourceId).filter((id): id is string => id !== null))];
  return { days: rows.map((r) => r.day), sourceIds };
}
