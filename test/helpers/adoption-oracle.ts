/** A from-scratch computation of the adoption counts, for equivalence tests only (never in src/). */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { CHECKPOINTS, WEEK_DAYS } from '../../src/analytics/adoption-metrics.js';
import type { AdoptionCounts, GroupBy } from '../../src/analytics/adoption-query.js';
import { addDays } from '../../src/calendar.js';
import { usageOf, type AnalyticsScope } from '../../src/analytics/scope-sql.js';
import { certificateScopeConditions } from './certificate-scope-sql.js';

const GROUP_EXPRESSIONS: Record<GroupBy, SQL> = {
  cohort: sql`substr(c.completed_at, 1, 7)`,
  team: sql`l.team`,
  manager: sql`l.manager_id`,
  course: sql`c.course_id`,
};

/** Per completion day: eligibility (day N passed) and the weekly window [s_N, t_N] of each checkpoint. */
function windowColumns(today: string): SQL {
  return sql.join(
    CHECKPOINTS.map(
      (n) => sql`cd <= ${addDays(today, -n)} AS ${sql.raw(`e${n}`)},
        date(cd, ${`+${n - WEEK_DAYS + 1} days`}) AS ${sql.raw(`s${n}`)}, date(cd, ${`+${n} days`}) AS ${sql.raw(`t${n}`)}`,
    ),
    sql`, `,
  );
}

/**
 * Test oracle: adoption counts computed from scratch from usage_days (the query the reports ran
 * before adoption_facts existed), to check the facts-based `queryAdoptionCounts` against.
 * Counts adoption per group in one statement. Cost is one index seek into usage_days per
 * completion: a single correlated scan of the learner's days from completion to day 90 (or to
 * today when active days are counted) yields first use, day count and window hits at once,
 * packed into one integer because a scalar subquery returns one value. Each row adds 1, 8 or 64
 * when it falls in the day-30, 60 or 90 window (a window holds at most 7 days, so 3 bits each):
 * bits 0–8 = window hits, bits 9–31 = active days, bits 32+ = days to first use. Only completers
 * with no use in that range get a second seek (first use after day 90). Window bounds are
 * computed per distinct completion day (hundreds), not per completion.
 * Groups come back ordered by key, a null key (no team/manager recorded) last.
 */
export function adoptionCountsFromUsageDays(db: Db, options: { scope: AnalyticsScope; groupBy: GroupBy; countActiveDays: boolean }): AdoptionCounts[] {
  const { scope, groupBy, countActiveDays } = options;
  const { today, tenantId } = scope;
  const joinLearners = groupBy === 'team' || groupBy === 'manager';
  const limit = countActiveDays ? sql`${today}` : sql`min(date(cd, '+90 days'), ${today})`;
  const rows = db.all<Record<string, number | string | null>>(sql`
    WITH base AS MATERIALIZED (
      SELECT c.learner_id, c.course_id, substr(c.completed_at, 1, 10) AS cd, ${GROUP_EXPRESSIONS[groupBy]} AS grp
      FROM certificates c
      ${joinLearners ? sql`LEFT JOIN learners l ON l.tenant_id = c.tenant_id AND l.id = c.learner_id` : sql``}
      WHERE ${certificateScopeConditions(scope)}
    ),
    cal AS MATERIALIZED (
      SELECT cd, julianday(cd) AS jd, ${limit} AS lim, ${windowColumns(today)} FROM (SELECT DISTINCT cd FROM base)
    ),
    per AS MATERIALIZED (
      SELECT b.grp, k.e30, k.e60, k.e90, k.jd, k.lim, b.learner_id, b.course_id,
        (SELECT (CAST(julianday(min(u.day)) - k.jd AS INTEGER) << 32) | (count(*) << 9)
            | sum(CASE WHEN u.day < k.s30 THEN 0 WHEN u.day <= k.t30 THEN 1 WHEN u.day < k.s60 THEN 0
                WHEN u.day <= k.t60 THEN 8 WHEN u.day < k.s90 THEN 0 WHEN u.day <= k.t90 THEN 64 ELSE 0 END)
          FROM usage_days u WHERE ${usageOf('b', tenantId)} AND u.day BETWEEN b.cd AND k.lim) AS packed
      FROM base b JOIN cal k ON k.cd = b.cd
    ),
    facts AS MATERIALIZED (
      SELECT grp, e30, e60, e90,
        e30 AND (coalesce(packed, 0) & 7) > 0 AS a30, e60 AND ((coalesce(packed, 0) >> 3) & 7) > 0 AS a60,
        e90 AND ((coalesce(packed, 0) >> 6) & 7) > 0 AS a90,
        CASE WHEN packed IS NOT NULL THEN packed >> 32 ELSE (SELECT CAST(julianday(min(u.day)) - p.jd AS INTEGER) FROM usage_days u
          WHERE ${usageOf('p', tenantId)} AND u.day > p.lim AND u.day <= ${today}) END AS first_use,
        (coalesce(packed, 0) >> 9) & 0x7FFFFF AS active_days
      FROM per p
    ),
    ranked AS (
      SELECT facts.*,
        row_number() OVER w AS rn,
        count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n
      FROM facts
      -- One window definition, so both functions share a single sort.
      WINDOW w AS (PARTITION BY grp, first_use IS NULL ORDER BY first_use)
    )
    SELECT grp AS key, count(*) AS completions,
      sum(e30) AS e30, sum(a30) AS a30, sum(e60) AS e60, sum(a60) AS a60, sum(e90) AS e90, sum(a90) AS a90,
      avg(CASE WHEN first_use IS NOT NULL AND rn IN ((n + 1) / 2, (n + 2) / 2) THEN first_use END) AS median,
      sum(first_use IS NULL) AS never_used, sum(active_days) AS active_days
    FROM ranked GROUP BY grp ORDER BY grp IS NULL, grp`);
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
