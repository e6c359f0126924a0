import { sql, type SQL } from 'drizzle-orm';

/** Which completions an analytics query looks at, and the day it is evaluated on. */
export interface AnalyticsScope {
  tenantId: string;
  /** One course, or the whole tenant when absent. */
  courseId?: string;
  /** First and last completion day to include (inclusive, `YYYY-MM-DD`). */
  from?: string;
  to?: string;
  /** Today per the injected clock (`YYYY-MM-DD`, UTC): windows ending later have not passed. */
  today: string;
}

/**
 * WHERE conditions on `adoption_facts f` (one row per certificate) for a scope. Revoked
 * certificates are left out (a withdrawn award is not a completion the programme can count).
 * `completed_day` is the UTC day of the certificate's `completed_at`, so the day bounds are
 * inclusive text comparisons.
 */
export function scopeConditions(scope: AnalyticsScope): SQL {
  const parts: SQL[] = [sql`f.tenant_id = ${scope.tenantId}`, sql`f.revoked = 0`];
  if (scope.courseId !== undefined) parts.push(sql`f.course_id = ${scope.courseId}`);
  if (scope.from !== undefined) parts.push(sql`f.completed_day >= ${scope.from}`);
  if (scope.to !== undefined) parts.push(sql`f.completed_day <= ${scope.to}`);
  return sql.join(parts, sql` AND `);
}

/** Correlated usage lookup for the row `alias` with learner_id and course_id (seeks the usage_days primary key). */
export function usageOf(alias: string, tenantId: string): SQL {
  const a = sql.raw(alias);
  return sql`u.tenant_id = ${tenantId} AND u.learner_id = ${a}.learner_id AND u.course_id = ${a}.course_id`;
}
