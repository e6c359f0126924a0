import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { CHECKPOINTS, type Checkpoint } from './adoption-metrics.js';
import { addDays } from '../calendar.js';
import { scopeConditions, usageOf, type AnalyticsScope } from './scope-sql.js';

/** How completions are grouped: monthly cohort, the learner's team or manager, or course. */
export type GroupBy = 'cohort' | 'team' | 'manager' | 'course';

/** Raw counts of one group, straight from SQL. */
export interface AdoptionCounts {
  key: string | null;
  completions: number;
  eligible: Record<Checkpoint, number>;
  active: Record<Checkpoint, number>;
  medianDaysToFirstUse: number | null;
  neverUsed: number;
  /** Active days from completion to today; null unless `countActiveDays` was asked for. */
  activeDays: number | null;
}

const GROUP_EXPRESSIONS: Record<GroupBy, SQL> = {
  cohort: sql`substr(f.completed_day, 1, 7)`,
  team: sql`l.team`,
  manager: sql`l.manager_id`,
  course: sql`f.course_id`,
};

/**
 * Per completion: eligibility at each checkpoint (its day N has passed) and whether the learner
 * was weekly-active there. Every day of a passed window is on or before today, so the stored
 * window hit is exact.
 */
function checkpointColumns(today: string): SQL {
  return sql.join(
    CHECKPOINTS.map((n) => {
      const eligible = sql`f.completed_day <= ${addDays(today, -n)}`;
      return sql`${eligible} AS ${sql.raw(`e${n}`)}, ${eligible} AND ${sql.raw(`f.hit${n}`)} AS ${sql.raw(`a${n}`)}`;
    }),
    sql`, `,
  );
}

/**
 * Counts adoption per group in one statement over `adoption_facts` (one row per certificate,
 * kept up to date by triggers as certificates and usage days are stored): a range scan of the
 * tenant's (or course's) rows, summed per group and day of first use, and the medians from that
 * small histogram. Facts count every active day on or after completion while the report looks
 * at days up to today (the injected clock) only, so a first use after today counts as no use
 * yet, and for a completion whose last active day is after today the days after today are
 * counted in usage_days (one seek) and taken off.
 * Groups come back ordered by key, a null key (no team/manager recorded) last.
 */
export function queryAdoptionCounts(db: Db, options: { scope: AnalyticsScope; groupBy: GroupBy; countActiveDays: boolean }): AdoptionCounts[] {
  const { scope, groupBy, countActiveDays } = options;
  const { today, tenantId } = scope;
  const joinLearners = groupBy === 'team' || groupBy === 'manager';
  const daysToToday = sql`(julianday(${today}) - julianday(f.completed_day))`;
  const activeDays = countActiveDays
    ? sql`CASE WHEN f.last_use IS NULL OR f.last_use <= ${daysToToday} THEN f.active_days
        ELSE f.active_days - (SELECT count(*) FROM usage_days u WHERE ${usageOf('f', tenantId)} AND u.day > ${today} AND u.day >= f.completed_day) END`
    : sql`0`;
  const rows = db.all<Record<string, number | string | null>>(sql`
    WITH facts AS (
      SELECT ${GROUP_EXPRESSIONS[groupBy]} AS grp, ${checkpointColumns(today)},
        CASE WHEN f.first_use <= ${daysToToday} THEN f.first_use END AS first_use,
        ${activeDays} AS active_days
      FROM adoption_facts f
      ${joinLearners ? sql`LEFT JOIN learners l ON l.tenant_id = f.tenant_id AND l.id = f.learner_id` : sql``}
      WHERE ${scopeConditions(scope)}
    ),
    -- Every count is additive, so one pass sums them per group and day of first use: a few
    -- hundred rows per group, on which the median is then found without sorting completions.
    histogram AS (
      SELECT grp, first_use, count(*) AS k,
        sum(e30) AS e30, sum(a30) AS a30, sum(e60) AS e60, sum(a60) AS a60, sum(e90) AS e90, sum(a90) AS a90,
        sum(active_days) AS active_days
      FROM facts GROUP BY grp, first_use
    ),
    cumulative AS (
      SELECT histogram.*,
        sum(k) OVER (PARTITION BY grp, first_use IS NULL ORDER BY first_use ROWS UNBOUNDED PRECEDING) AS upto,
        sum(k) OVER (PARTITION BY grp, first_use IS NULL) AS used
      FROM histogram
    )
    SELECT grp AS key, sum(k) AS completions,
      sum(e30) AS e30, sum(a30) AS a30, sum(e60) AS e60, sum(a60) AS a60, sum(e90) AS e90, sum(a90) AS a90,
      -- The median of n first uses: the mean of the values at ranks (n + 1) / 2 and (n + 2) / 2.
      (min(CASE WHEN first_use IS NOT NULL AND upto >= (used + 1) / 2 THEN first_use END)
        + min(CASE WHEN first_use IS NOT NULL AND upto >= (used + 2) / 2 THEN first_use END)) / 2.0 AS median,
      sum(CASE WHEN first_use IS NULL THEN k ELSE 0 END) AS never_used, sum(active_days) AS active_days
    FROM cumulative GROUP BY grp ORDER BY grp IS NULL, grp`);
  return rows.map((r) => ({
    key: r.key === null ? null : String(r.key),
    completions: Number(r.completions),
    eligible: { 30: Number(r.e30), 60: Number(r.e60), 90: Number(r.e90) },
    active: { 30: Number(r.a30), 60: Number(r.a60), 90: Number(r.a90) },
    medianDaysToFirstUse: r.median === null ? null : Number(r.median),
    neverUsed: Number(r.never_used),
    activeDays: countActiveDays ? Number(r.active_days) : null,
  }));
}
