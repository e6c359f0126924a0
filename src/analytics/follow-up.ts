import { sql } from 'drizzle-orm';
import { WEEK_DAYS } from './adoption-metrics.js';
import { courseOfFilter, type AnalyticsDeps, type AnalyticsFilter } from './adoption-report.js';
import { addDays, utcDay } from './calendar.js';
import { scopeConditions, usageOf } from './scope-sql.js';

/** Days after completion before a learner who is not using the skill is listed for a nudge. */
export const FOLLOW_UP_AFTER_DAYS = 30;

/** A learner to nudge: `never_used` since completion, or `lapsed` (used it, but not in the last week). */
export interface FollowUpItem {
  learnerId: string;
  name: string | null;
  email: string | null;
  team: string | null;
  managerId: string | null;
  courseId: string;
  completedOn: string;
  daysSinceCompletion: number;
  lastActiveDay: string | null;
  reason: 'never_used' | 'lapsed';
}

/** The follow-up list: `total` learners qualify, the first `limit` are listed. */
export interface FollowUpList {
  courseId: string | null;
  asOf: string;
  total: number;
  items: FollowUpItem[];
}

/**
 * Learners not using the skill 30 days after completion: completers whose day 30 has passed and
 * who have no active day in the 7 days ending today. Ordered by manager (so a list can be split
 * per manager), then completion day and learner; learners without a manager come last.
 */
export function followUpList(deps: AnalyticsDeps, input: AnalyticsFilter & { limit: number }): FollowUpList {
  const course = courseOfFilter(deps, input);
  const today = utcDay(deps.now());
  const scope = { ...input, today };
  // The last active day is looked up only for the rows returned, after sorting and LIMIT.
  const rows = deps.db.all<Omit<FollowUpItem, 'reason'> & { total: number }>(sql`
    SELECT f.*, (SELECT max(u.day) FROM usage_days u WHERE ${usageOf('f', input.tenantId)}
        AND u.day BETWEEN f.completedOn AND ${today}) AS lastActiveDay
    FROM (
      SELECT c.learner_id, c.course_id, c.learner_id AS learnerId, l.name AS name, l.email AS email, l.team AS team,
        l.manager_id AS managerId, c.course_id AS courseId, substr(c.completed_at, 1, 10) AS completedOn,
        CAST(julianday(${today}) - julianday(substr(c.completed_at, 1, 10)) AS INTEGER) AS daysSinceCompletion,
        count(*) OVER () AS total
      FROM certificates c
      LEFT JOIN learners l ON l.tenant_id = c.tenant_id AND l.id = c.learner_id
      WHERE ${scopeConditions(scope)}
        AND c.completed_at < ${addDays(today, 1 - FOLLOW_UP_AFTER_DAYS)}
        AND NOT EXISTS (SELECT 1 FROM usage_days u WHERE ${usageOf('c', input.tenantId)}
          AND u.day BETWEEN ${addDays(today, 1 - WEEK_DAYS)} AND ${today})
      ORDER BY l.manager_id IS NULL, l.manager_id, completedOn, c.learner_id, c.course_id
      LIMIT ${input.limit}
    ) AS f
    ORDER BY f.managerId IS NULL, f.managerId, f.completedOn, f.learnerId, f.courseId`);
  return {
    courseId: course?.id ?? null,
    asOf: today,
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      learnerId: r.learnerId, name: r.name, email: r.email, team: r.team, managerId: r.managerId, courseId: r.courseId,
      completedOn: r.completedOn, daysSinceCompletion: r.daysSinceCompletion, lastActiveDay: r.lastActiveDay,
      reason: r.lastActiveDay === null ? 'never_used' : 'lapsed',
    })),
  };
}
