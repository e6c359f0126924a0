import type { Db } from '../db/client.js';
import { DEFAULT_ADOPTION_TARGET, getCourse } from '../courses/course-service.js';
import {
  adoptionPoint,
  ragStatus,
  valueEstimate,
  valueInputsOf,
  type AdoptionCurve,
  type RagStatus,
  type ValueEstimate,
  type ValueInputs,
} from './adoption-metrics.js';
import { queryAdoptionCounts, type AdoptionCounts, type GroupBy } from './adoption-query.js';
import { utcDay } from '../calendar.js';
import { listCourseSettings, type CourseSettings } from './course-settings.js';

/** Dependencies of the analytics use cases. */
export interface AnalyticsDeps {
  db: Db;
  now: () => Date;
}

/** Filters of an analytics request, validated at the edge. */
export interface AnalyticsFilter {
  tenantId: string;
  courseId?: string;
  from?: string;
  to?: string;
}

/** One group of an adoption report. */
export interface AdoptionGroup {
  key: string | null;
  completions: number;
  adoption: AdoptionCurve;
  medianDaysToFirstUse: number | null;
  neverUsed: number;
  status: RagStatus;
  /** Present only when grouping by course: that course's own target. */
  target?: number;
  /** Hours and money saved, when the group's course has both value inputs; otherwise null. */
  value: ValueEstimate | null;
}

/** The adoption report: groups with their 30/60/90-day adoption and RAG status. */
export interface AdoptionReport {
  courseId: string | null;
  groupBy: GroupBy;
  target: number;
  /** The day the report was evaluated on (UTC); windows ending later have not passed. */
  asOf: string;
  groups: AdoptionGroup[];
}

/** Shapes one group's counts against a target (and value inputs, when the group has a course). */
export function presentGroup(counts: AdoptionCounts, target: number, inputs: ValueInputs | undefined): Omit<AdoptionGroup, 'target'> {
  const adoption: AdoptionCurve = {
    d30: adoptionPoint(counts.active[30], counts.eligible[30]),
    d60: adoptionPoint(counts.active[60], counts.eligible[60]),
    d90: adoptionPoint(counts.active[90], counts.eligible[90]),
  };
  return {
    key: counts.key,
    completions: counts.completions,
    adoption,
    medianDaysToFirstUse: counts.medianDaysToFirstUse,
    neverUsed: counts.neverUsed,
    status: ragStatus(adoption.d90.rate, target),
    value: inputs && counts.activeDays !== null ? valueEstimate(counts.activeDays, inputs) : null,
  };
}

/** The course of the filter (404 `course_not_found` when unknown), or undefined for the whole tenant. */
export function courseOfFilter(deps: AnalyticsDeps, filter: AnalyticsFilter) {
  return filter.courseId === undefined ? undefined : getCourse(deps, filter.tenantId, filter.courseId);
}

/**
 * Adoption at 30/60/90 days per monthly cohort, team, manager or course. For the whole tenant
 * the target is the default (40%), except that course groups use each course's own target.
 */
export function adoptionReport(deps: AnalyticsDeps, input: AnalyticsFilter & { groupBy: GroupBy }): AdoptionReport {
  const course = courseOfFilter(deps, input);
  const today = utcDay(deps.now());
  const target = course?.adoptionTarget ?? DEFAULT_ADOPTION_TARGET;
  const courseInputs = course ? valueInputsOf(course) : undefined;
  const settings = input.groupBy === 'course' ? new Map(listCourseSettings(deps.db, input.tenantId).map((c) => [c.id, c])) : undefined;
  const counts = queryAdoptionCounts(deps.db, {
    scope: { ...input, today },
    groupBy: input.groupBy,
    countActiveDays: courseInputs !== undefined || [...(settings?.values() ?? [])].some((c) => valueInputsOf(c)),
  });
  const groups = counts.map((c): AdoptionGroup => {
    if (!settings) return presentGroup(c, target, courseInputs);
    const own: CourseSettings | undefined = settings.get(c.key ?? '');
    const ownTarget = own?.adoptionTarget ?? DEFAULT_ADOPTION_TARGET;
    return { ...presentGroup(c, ownTarget, own ? valueInputsOf(own) : undefined), target: ownTarget };
  });
  return { courseId: course?.id ?? null, groupBy: input.groupBy, target, asOf: today, groups };
}
