import { parse } from 'csv-parse/sync';
import { adoptionCsv, followUpCsv } from '../../../src/analytics/analytics-csv.js';
import type { AdoptionReport } from '../../../src/analytics/adoption-report.js';

const point = { rate: null, active: 0, eligible: 0 };

describe('analytics CSV', () => {
  it('writes null as an empty cell and defuses spreadsheet formulas in names', () => {
    const report: AdoptionReport = {
      courseId: null, groupBy: 'team', target: 0.4, asOf: '2026-11-02',
      groups: [{ key: '=HYPERLINK("x")', completions: 1, adoption: { d30: { rate: 1, active: 1, eligible: 1 }, d60: point, d90: point }, medianDaysToFirstUse: null, neverUsed: 0, status: 'pending', value: null }],
    };
    const [row] = parse(adoptionCsv(report), { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ key: `'=HYPERLINK("x")`, d30_rate: '1', d60_rate: '', median_days_to_first_use: '', status: 'pending', target: '0.4', estimate_value: '' });
  });

  it('quotes commas, quotes and line breaks in learner fields', () => {
    const csv = followUpCsv({
      courseId: 'py', asOf: '2026-11-02', total: 1,
      items: [{ learnerId: 'l1', name: 'Ødegård, "Åse"\nJr', email: null, team: '+team', managerId: null, courseId: 'py', completedOn: '2026-07-01', daysSinceCompletion: 124, lastActiveDay: null, reason: 'never_used' }],
    });
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row).toEqual({ learner_id: 'l1', name: 'Ødegård, "Åse"\nJr', email: '', team: "'+team", manager_id: '', course_id: 'py', completed_on: '2026-07-01', days_since_completion: '124', last_active_day: '', reason: 'never_used' });
  });
});
