import { stringify } from 'csv-stringify/sync';
import type { AdoptionCurve } from './adoption-metrics.js';
import type { AdoptionReport } from './adoption-report.js';
import type { FollowUpList } from './follow-up.js';
import type { ManagerActivationReport } from './manager-activation.js';

type Cell = string | number | boolean | null | undefined;

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe: team names and learner names come from the LMS and end up in Excel.
 */
function text(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toCsv(header: string[], rows: Cell[][]): string {
  return stringify([header, ...rows], { cast: { boolean: (b) => String(b) } });
}

const CURVE_COLUMNS = ['d30', 'd60', 'd90'].flatMap((d) => [`${d}_rate`, `${d}_active`, `${d}_eligible`]);

function curveCells(adoption: AdoptionCurve): Cell[] {
  return [adoption.d30, adoption.d60, adoption.d90].flatMap((p) => [p.rate, p.active, p.eligible]);
}

/** The adoption report as CSV, one row per group (empty cells where JSON has null). */
export function adoptionCsv(report: AdoptionReport): string {
  const header = ['key', 'completions', ...CURVE_COLUMNS, 'median_days_to_first_use', 'never_used', 'status', 'target',
    'estimate_active_days', 'estimate_minutes_saved_per_active_day', 'estimate_hourly_cost', 'estimate_hours_saved', 'estimate_value'];
  const rows = report.groups.map((g) => [
    text(g.key), g.completions, ...curveCells(g.adoption), g.medianDaysToFirstUse, g.neverUsed, g.status, g.target ?? report.target,
    g.value?.activeDays, g.value?.minutesSavedPerActiveDay, g.value?.hourlyCost, g.value?.hoursSaved, g.value?.value,
  ]);
  return toCsv(header, rows);
}

/** Manager activation as CSV, one row per manager. */
export function managersCsv(report: ManagerActivationReport): string {
  const header = ['manager_id', 'completions', 'activated', 'activation_active', 'activation_eligible', ...CURVE_COLUMNS, 'median_days_to_first_use', 'never_used', 'status'];
  const rows = report.managers.map((m) => [
    text(m.managerId), m.completions, m.activated, m.activation.active, m.activation.eligible, ...curveCells(m.adoption), m.medianDaysToFirstUse, m.neverUsed, m.status,
  ]);
  return toCsv(header, rows);
}

/** The follow-up list as CSV, one row per learner and course. */
export function followUpCsv(list: FollowUpList): string {
  const header = ['learner_id', 'name', 'email', 'team', 'manager_id', 'course_id', 'completed_on', 'days_since_completion', 'last_active_day', 'reason'];
  const rows = list.items.map((i) => [
    text(i.learnerId), text(i.name), text(i.email), text(i.team), text(i.managerId), text(i.courseId), i.completedOn, i.daysSinceCompletion, i.lastActiveDay, i.reason,
  ]);
  return toCsv(header, rows);
}
