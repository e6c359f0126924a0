import { sql, type SQL } from 'drizzle-orm';
import { addDays } from './calendar.js';

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
 * WHERE conditions on `certificates c` for a scope. Revoked certificates are left out (a
 * withdrawn award is not a completion the programme can count). `completed_at` is stored as a
 * UTC ISO string (`toISOString()`), so day bounds compare as text and use the
 * (tenant, course, completed_at) index.
 */
export function scopeConditions(scope: AnalyticsScope): SQL {
  const parts: SQL[] = [sql`c.tenant_id = ${scope.tenantId}`, sql`c.revoked_at IS NULL`];
  if (scope.courseId !== undefined) parts.push(sql`c.course_id = ${scope.courseId}`);
  if (scope.from !== undefined) parts.push(sql`c.completed_at >= ${scope.from}`);
  if (scope.to !== undefined) parts.push(sql`c.completed_at < ${addDays(scope.to, 1)}`);
  return sql.join(parts, sql` AND `);
}

/** Correlated usage lookup for the certificate row `alias` (seeks the usage_days primary key). */
export function usageOf(alias: string, tenantId: string): SQL {
  const a = sql.raw(alias);
  return sql`u.tenant_id = ${tenantId} AND u.learner_id = ${a}.learner_id AND u.course_id = ${a}.course_id`;
}
