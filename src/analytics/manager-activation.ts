import { sql } from 'drizzle-orm';
import { DEFAULT_ADOPTION_TARGET } from '../courses/course-service.js';
import type { Db } from '../db/client.js';
import type { AdoptionCurve, RagStatus } from './adoption-metrics.js';
import { queryAdoptionCounts } from './adoption-query.js';
import { courseOfFilter, presentGroup, type AnalyticsDeps, type AnalyticsFilter } from './adoption-report.js';
import { utcDay } from '../calendar.js';
import { activeInLastWeek, scopeConditions, type AnalyticsScope } from './scope-sql.js';

/** One manager: whether their team is using the skill now, and the team's adoption. */
export interface ManagerActivation {
  managerId: string;
  completions: number;
  /**
   * True when at least one direct report is weekly-active now: has an active day in the 7 days
   * ending today (the report's `asOf`), on or after completing a course in scope.
   */
  activated: boolean;
  /**
   * Direct reports (distinct learners with a completion in scope) that are weekly-active now
   * (`active`), out of all of them (`eligible`). A learner with several courses counts once.
   */
  activation: { active: number; eligible: number };
  /** The team's adoption at 30/60/90 days after completion (conventions §6), as in the adoption report. */
  adoption: AdoptionCurve;
  medianDaysToFirstUse: number | null;
  neverUsed: number;
  status: RagStatus;
}

/** Manager activation for a course or the whole tenant. */
export interface ManagerActivationReport {
  courseId: string | null;
  target: number;
  asOf: string;
  managers: ManagerActivation[];
}

/**
 * Per manager, direct reports and those active in the last week, in one pass over the scope's
 * facts: a report is active when any of their completions in scope is (`activeInLastWeek`, the
 * follow-up list's rule), so usage of a course outside the scope, or before its completion, does
 * not count. Facts are reduced per learner before learners are joined (one seek per learner).
 */
function queryActiveReports(db: Db, scope: AnalyticsScope): Map<string, { active: number; eligible: number }> {
  const rows = db.all<{ managerId: string; eligible: number; active: number }>(sql`
    SELECT l.manager_id AS managerId, count(*) AS eligible, sum(r.active) AS active
    FROM (
      SELECT f.learner_id, max(${activeInLastWeek('f', scope)}) AS active
      FROM adoption_facts f
      WHERE ${scopeConditions(scope)}
      GROUP BY f.learner_id
    ) AS r
    JOIN learners l ON l.tenant_id = ${scope.tenantId} AND l.id = r.learner_id
    WHERE l.manager_id IS NOT NULL
    GROUP BY l.manager_id`);
  return new Map(rows.map((r) => [r.managerId, { active: Number(r.active), eligible: Number(r.eligible) }]));
}

/**
 * Per manager (the `managerId` the LMS sent with the learner): activated when at least one direct
 * report has used the skill in the 7 days ending today (the injected clock's UTC day), for the
 * course in scope or, for the whole tenant, any course they completed in scope, counting usage on
 * or after completion only; and the team's checkpoint-based adoption at 30/60/90 days.
 * Completers without a recorded manager are left out: there is nobody to activate.
 */
export function managerActivation(deps: AnalyticsDeps, filter: AnalyticsFilter): ManagerActivationReport {
  const course = courseOfFilter(deps, filter);
  const today = utcDay(deps.now());
  const target = course?.adoptionTarget ?? DEFAULT_ADOPTION_TARGET;
  const scope = { ...filter, today };
  const counts = queryAdoptionCounts(deps.db, { scope, groupBy: 'manager', countActiveDays: false });
  const reports = queryActiveReports(deps.db, scope);
  const managers = counts.flatMap((c): ManagerActivation[] => {
    if (c.key === null) return [];
    const { adoption, medianDaysToFirstUse, neverUsed, status } = presentGroup(c, target, undefined);
    // Same scope in both queries; only a completion stored between the two could leave a manager without reports here.
    const activation = reports.get(c.key) ?? { active: 0, eligible: 0 };
    return [{ managerId: c.key, completions: c.completions, activated: activation.active > 0, activation, adoption, medianDaysToFirstUse, neverUsed, status }];
  });
  return { courseId: course?.id ?? null, target, asOf: today, managers };
}
