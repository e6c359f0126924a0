import { adoptionReport, courseOfFilter, type AdoptionReport, type AnalyticsDeps, type AnalyticsFilter } from './adoption-report.js';
import { listCourseSettings, type CourseSettings } from './course-settings.js';
import { followUpList, type FollowUpList } from './follow-up.js';
import { managerActivation, type ManagerActivationReport } from './manager-activation.js';

/** Learners of the follow-up list shown on the dashboard; the CSV has all of them. */
export const DASHBOARD_FOLLOW_UP_ROWS = 50;

/** Everything the dashboard shows for one filter. */
export interface DashboardData {
  courses: CourseSettings[];
  byCourse: AdoptionReport;
  cohorts: AdoptionReport;
  teams: AdoptionReport;
  managers: ManagerActivationReport;
  followUp: FollowUpList;
}

/**
 * The dashboard's figures: every course against its target (completion dates filtered, not
 * the course), then cohorts, teams, managers and follow-up for the chosen course or all.
 */
export function dashboardData(deps: AnalyticsDeps, filter: AnalyticsFilter): DashboardData {
  courseOfFilter(deps, filter); // 404 for an unknown course before any heavy query runs
  return {
    courses: listCourseSettings(deps.db, filter.tenantId),
    byCourse: adoptionReport(deps, { ...filter, courseId: undefined, groupBy: 'course' }),
    cohorts: adoptionReport(deps, { ...filter, groupBy: 'cohort' }),
    teams: adoptionReport(deps, { ...filter, groupBy: 'team' }),
    managers: managerActivation(deps, filter),
    followUp: followUpList(deps, { ...filter, limit: DASHBOARD_FOLLOW_UP_ROWS }),
  };
}
