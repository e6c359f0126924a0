import { sql, type SQL } from 'drizzle-orm';
import { WEEK_DAYS } from './adoption-metrics.js';
import { addDays } from '../calendar.js';

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

/**
 * Whether the `adoption_facts` row `alias` (a completion) is active in the last week: an active
 * day of its learner and course in the 7 days ending today (today and the 6 days before it, the
 * window of the verify page's "Active in the last 7 days" bar), on or after its completion day:
 * usage before completion never counts for adoption (the verify page, which shows usage evidence
 * rather than adoption, counts it). The follow-up list and manager activation share this rule.
 * Exact from the facts alone while the last active day is on or before today: it is in the week
 * when it is at most 6 days before today. Only a completion with an active day after today (a
 * clock set in the past) reads usage_days, one primary-key seek.
 */
export function activeInLastWeek(alias: string, scope: Pick<AnalyticsScope, 'tenantId' | 'today'>): SQL {
  const a = sql.raw(alias);
  const { tenantId, today } = scope;
  const daysToToday = sql`(julianday(${today}) - julianday(${a}.completed_day))`;
  return sql`(CASE WHEN ${a}.last_use IS NULL THEN 0
    WHEN ${a}.last_use <= ${daysToToday} THEN ${a}.last_use >= ${daysToToday} - ${WEEK_DAYS - 1}
    ELSE EXISTS (SELECT 1 FROM usage_days u WHERE ${usageOf(alias, tenantId)}
      AND u.day BETWEEN ${addDays(today, 1 - WEEK_DAYS)} AND ${today} AND u.day >= ${a}.completed_day) END)`;
}
