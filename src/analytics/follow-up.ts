import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { courseOfFilter, type AnalyticsDeps, type AnalyticsFilter } from './adoption-report.js';
import { addDays, utcDay } from '../calendar.js';
import { activeInLastWeek, scopeConditions, usageOf, type AnalyticsScope } from './scope-sql.js';

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

/** A follow-up row as SQL returns it; `total` counts every qualifying learner, not only those listed. */
export type FollowUpRow = Omit<FollowUpItem, 'reason'> & { total: number };

/**
 * The first `limit` follow-up rows of a scope, from `adoption_facts`: a completion's last active
 * day is its completion day plus `last_use`, unless that is after today (the injected clock);
 * only then is usage_days read, for that completion. Ordered by manager, completion day, learner
 * and course; learners without a manager come last.
 */
export function queryFollowUp(db: Db, scope: AnalyticsScope, limit: number): FollowUpRow[] {
  const { today, tenantId } = scope;
  const daysToToday = sql`(julianday(${today}) - julianday(f.completed_day))`;
  // The last active day is worked out only for the rows returned, after sorting and LIMIT.
  return db.all<FollowUpRow>(sql`
    SELECT p.learnerId, p.name, p.email, p.team, p.managerId, p.courseId, p.completedOn, p.daysSinceCompletion, p.total,
      CASE WHEN p.last_use IS NULL THEN NULL
        WHEN p.last_use <= p.daysSinceCompletion THEN date(p.completedOn, '+' || p.last_use || ' days')
        ELSE (SELECT max(u.day) FROM usage_days u WHERE ${usageOf('p', tenantId)} AND u.day BETWEEN p.completedOn AND ${today}) END AS lastActiveDay
    FROM (
      SELECT f.learner_id, f.course_id, f.last_use, f.learner_id AS learnerId, l.name AS name, l.email AS email, l.team AS team,
        l.manager_id AS managerId, f.course_id AS courseId, f.completed_day AS completedOn,
        CAST(${daysToToday} AS INTEGER) AS daysSinceCompletion,
        count(*) OVER () AS total
      FROM adoption_facts f
      LEFT JOIN learners l ON l.tenant_id = f.tenant_id AND l.id = f.learner_id
      WHERE ${scopeConditions(scope)}
        AND f.completed_day <= ${addDays(today, -FOLLOW_UP_AFTER_DAYS)}
        AND NOT ${activeInLastWeek('f', scope)}
      ORDER BY l.manager_id IS NULL, l.manager_id, completedOn, f.learner_id, f.course_id
      LIMIT ${limit}
    ) AS p
    ORDER BY p.managerId IS NULL, p.managerId, p.completedOn, p.learnerId, p.courseId`);
}

/**
 * Learners not using the skill 30 days after completion: completers whose day 30 has passed and
 * who have no active day in the 7 days ending today. Ordered by manager (so a list can be split
 * per manager), then completion day and learner; learners without a manager come last.
 */
export function followUpList(deps: AnalyticsDeps, input: AnalyticsFilter & { limit: number }): FollowUpList {
  const course = courseOfFilter(deps, input);
  const today = utcDay(deps.now());
  const rows = queryFollowUp(deps.db, { ...input, today }, input.limit);
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
