/** A from-scratch computation of the follow-up list, for equivalence tests only (never in src/). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { WEEK_DAYS } from '../../src/analytics/adoption-metrics.js';
import { addDays } from '../../src/calendar.js';
import { FOLLOW_UP_AFTER_DAYS, type FollowUpRow } from '../../src/analytics/follow-up.js';
import { usageOf, type AnalyticsScope } from '../../src/analytics/scope-sql.js';
import { certificateScopeConditions } from './certificate-scope-sql.js';

/**
 * Test oracle: the follow-up rows computed from certificates and usage_days (the query the list
 * ran before adoption_facts existed), to check the facts-based `queryFollowUp` against.
 */
export function followUpRowsFromUsageDays(db: Db, scope: AnalyticsScope, limit: number): FollowUpRow[] {
  const { today } = scope;
  return db.all<FollowUpRow>(sql`
    SELECT f.*, (SELECT max(u.day) FROM usage_days u WHERE ${usageOf('f', scope.tenantId)}
        AND u.day BETWEEN f.completedOn AND ${today}) AS lastActiveDay
    FROM (
      SELECT c.learner_id, c.course_id, c.learner_id AS learnerId, l.name AS name, l.email AS email, l.team AS team,
        l.manager_id AS managerId, c.course_id AS courseId, substr(c.completed_at, 1, 10) AS completedOn,
        CAST(julianday(${today}) - julianday(substr(c.completed_at, 1, 10)) AS INTEGER) AS daysSinceCompletion,
        count(*) OVER () AS total
      FROM certificates c
      LEFT JOIN learners l ON l.tenant_id = c.tenant_id AND l.id = c.learner_id
      WHERE ${certificateScopeConditions(scope)}
        AND c.completed_at < ${addDays(today, 1 - FOLLOW_UP_AFTER_DAYS)}
        AND NOT EXISTS (SELECT 1 FROM usage_days u WHERE ${usageOf('c', scope.tenantId)}
          AND u.day BETWEEN ${addDays(today, 1 - WEEK_DAYS)} AND ${today})
      ORDER BY l.manager_id IS NULL, l.manager_id, completedOn, c.learner_id, c.course_id
      LIMIT ${limit}
    ) AS f
    ORDER BY f.managerId IS NULL, f.managerId, f.completedOn, f.learnerId, f.courseId`);
}
