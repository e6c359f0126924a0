import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { CHECKPOINTS, WEEK_DAYS, type Checkpoint } from './adoption-metrics.js';
import { addDays } from './calendar.js';
import { scopeConditions, usageOf, type AnalyticsScope } from './scope-sql.js';

/** How completions are grouped: monthly cohort, the learner's team or manager, or course. */
export type GroupBy = 'cohort' | 'team' | 'manager' | 'course';

/** Raw counts of one group, straight from SQL. */
export interface AdoptionCounts {
  key: string | null;
  completions: number;
  eligible: Record<Checkpoint, number>;
  active: Record<Checkpoint, number>;
  /** Learners weekly-active at the latest checkpoint that has passed for them. */
  latestActive: number;
  medianDaysToFirstUse: number | null;
  neverUsed: number;
  /** Active days on or after completion (only counted when `countActiveDays` is set). */
  activeDays: number;
}

const GROUP_EXPRESSIONS: Record<GroupBy, SQL> = {
  cohort: sql`substr(c.completed_at, 1, 7)`,
  team: sql`l.team`,
  manager: sql`l.manager_id`,
  course: sql`c.course_id`,
};

/** Per-certificate flags: eligible (day N passed) and weekly-active at N, for every checkpoint. */
function checkpointColumns(scope: AnalyticsScope): SQL {
  return sql.join(
    CHECKPOINTS.map((n) => {
      const e = sql.raw(`e${n}`);
      const a = sql.raw(`a${n}`);
      // Only seek usage for learners whose day N has passed: the others are not counted anyway.
      const passed = sql`b.cd <= ${addDays(scope.today, -n)}`;
      return sql`${passed} AS ${e},
        CASE WHEN ${passed} THEN EXISTS (SELECT 1 FROM usage_days u WHERE ${usageOf('b', scope.tenantId)}
          AND u.day BETWEEN date(b.cd, ${`+${n - WEEK_DAYS + 1} days`}) AND date(b.cd, ${`+${n} days`})) ELSE 0 END AS ${a}`;
    }),
    sql`, `,
  );
}

/**
 * Counts adoption per group in one SQL statement: one row per certificate in scope (revoked
 * ones excluded), index seeks into usage_days per checkpoint, then grouped sums and a median
 * by window function. Groups come back ordered by key, a null key (no team/manager) last.
 */
export function queryAdoptionCounts(db: Db, options: { scope: AnalyticsScope; groupBy: GroupBy; countActiveDays: boolean }): AdoptionCounts[] {
  const { scope, groupBy } = options;
  const joinLearners = groupBy === 'team' || groupBy === 'manager';
  const activeDays = options.countActiveDays
    ? sql`(SELECT count(*) FROM usage_days u WHERE ${usageOf('b', scope.tenantId)} AND u.day BETWEEN b.cd AND ${scope.today})`
    : sql`0`;
  const rows = db.all<Record<string, number | string | null>>(sql`
    WITH base AS (
      SELECT c.learner_id, c.course_id, substr(c.completed_at, 1, 10) AS cd, ${GROUP_EXPRESSIONS[groupBy]} AS grp
      FROM certificates c
      ${joinLearners ? sql`LEFT JOIN learners l ON l.tenant_id = c.tenant_id AND l.id = c.learner_id` : sql``}
      WHERE ${scopeConditions(scope)}
    ),
    per AS (
      SELECT b.grp, ${checkpointColumns(scope)},
        (SELECT CAST(julianday(min(u.day)) - julianday(b.cd) AS INTEGER) FROM usage_days u
          WHERE ${usageOf('b', scope.tenantId)} AND u.day BETWEEN b.cd AND ${scope.today}) AS first_use,
        ${activeDays} AS active_days
      FROM base b
    ),
    ranked AS (
      SELECT per.*,
        row_number() OVER (PARTITION BY grp, first_use IS NULL ORDER BY first_use) AS rn,
        count(*) OVER (PARTITION BY grp, first_use IS NULL) AS n
      FROM per
    )
    SELECT grp AS key, count(*) AS completions,
      sum(e30) AS e30, sum(a30) AS a30, sum(e60) AS e60, sum(a60) AS a60, sum(e90) AS e90, sum(a90) AS a90,
      sum(CASE WHEN e90 THEN a90 WHEN e60 THEN a60 WHEN e30 THEN a30 ELSE 0 END) AS latest_active,
      avg(CASE WHEN first_use IS NOT NULL AND rn IN ((n + 1) / 2, (n + 2) / 2) THEN first_use END) AS median,
      sum(first_use IS NULL) AS never_used, sum(active_days) AS active_days
    FROM ranked GROUP BY grp ORDER BY grp IS NULL, grp`);
  return rows.map((r) => ({
    key: r.key === null ? null : String(r.key),
    completions: Number(r.completions),
    eligible: { 30: Number(r.e30), 60: Number(r.e60), 90: Number(r.e90) },
    active: { 30: Number(r.a30), 60: Number(r.a60), 90: Number(r.a90) },
    latestActive: Number(r.latest_active),
    medianDaysToFirstUse: r.median === null ? null : Number(r.median),
    neverUsed: Number(r.never_used),
    activeDays: Number(r.active_days),
  }));
}
