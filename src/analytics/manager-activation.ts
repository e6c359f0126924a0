import { DEFAULT_ADOPTION_TARGET } from '../courses/course-service.js';
import type { AdoptionCurve, RagStatus } from './adoption-metrics.js';
import { queryAdoptionCounts } from './adoption-query.js';
import { courseOfFilter, presentGroup, type AnalyticsDeps, type AnalyticsFilter } from './adoption-report.js';
import { utcDay } from './calendar.js';

/** One manager: whether their team has started using the skill, and the team's adoption. */
export interface ManagerActivation {
  managerId: string;
  completions: number;
  /**
   * True when at least one direct report is weekly-active at the latest checkpoint that has
   * passed for them (day 90, else 60, else 30); null while no report has reached day 30.
   */
  activated: boolean | null;
  activation: { active: number; eligible: number };
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
 * Per manager (the `managerId` the LMS sent with the learner), activation and team adoption.
 * Completers without a recorded manager are left out: there is nobody to activate.
 */
export function managerActivation(deps: AnalyticsDeps, filter: AnalyticsFilter): ManagerActivationReport {
  const course = courseOfFilter(deps, filter);
  const today = utcDay(deps.now());
  const target = course?.adoptionTarget ?? DEFAULT_ADOPTION_TARGET;
  const counts = queryAdoptionCounts(deps.db, { scope: { ...filter, today }, groupBy: 'manager', countActiveDays: false });
  const managers = counts.flatMap((c): ManagerActivation[] => {
    if (c.key === null) return [];
    const { adoption, medianDaysToFirstUse, neverUsed, status } = presentGroup(c, target, undefined);
    // Every report whose day 30 has passed has a latest checkpoint, so eligible30 counts them.
    const eligible = c.eligible[30];
    return [{
      managerId: c.key,
      completions: c.completions,
      activated: eligible === 0 ? null : c.latestActive > 0,
      activation: { active: c.latestActive, eligible },
      adoption,
      medianDaysToFirstUse,
      neverUsed,
      status,
    }];
  });
  return { courseId: course?.id ?? null, target, asOf: today, managers };
}
