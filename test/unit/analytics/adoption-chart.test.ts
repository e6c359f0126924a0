import type { AdoptionGroup } from '../../../src/analytics/adoption-report.js';
import { translator } from '../../../src/i18n.js';
import { adoptionChart, MAX_CHART_COHORTS } from '../../../src/views/dashboard/adoption-chart.js';

const group = (key: string, d90: number | null): AdoptionGroup => ({
  key, completions: 4, medianDaysToFirstUse: 3, neverUsed: 1, status: d90 === null ? 'pending' : d90 >= 0.4 ? 'green' : 'red', value: null,
  adoption: { d30: { rate: 0.5, active: 2, eligible: 4 }, d60: { rate: 0.25, active: 1, eligible: 4 }, d90: d90 === null ? { rate: null, active: 0, eligible: 0 } : { rate: d90, active: 1, eligible: 4 } },
});

describe('adoption chart', () => {
  it('is an accessible SVG with the target line and every point described in words', () => {
    const svg = adoptionChart({ groups: [group('2026-07', 0.25), group('2026-08<script>', null)], target: 0.4, t: translator('en'), lang: 'en' }).value;
    expect(svg).toMatch(/<svg [^>]*role="img" aria-labelledby="chart-title chart-desc"/);
    expect(svg).toContain('<desc id="chart-desc">2 cohorts, target 40% at 90 days. 2026-07: 25% at 90 days; 2026-08&lt;script&gt;: n/a at 90 days</desc>');
    expect(svg).toContain('class="target"');
    expect(svg).toContain('<title>2026-07, day 90: 25% (1 of 4)</title>');
    expect(svg).toContain('Red: far below target');
    expect(svg).not.toContain('<script>');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
  });

  it('draws only the latest cohorts and says so, or explains an empty chart', () => {
    const many = Array.from({ length: MAX_CHART_COHORTS + 2 }, (_, i) => group(`2025-${String(i + 1).padStart(2, '0')}`, 0.5));
    const svg = adoptionChart({ groups: many, target: 0.4, t: translator('nb'), lang: 'nb' }).value;
    expect(svg.match(/<polyline/g)).toHaveLength(MAX_CHART_COHORTS);
    expect(svg).not.toContain('2025-01:');
    expect(svg).toContain(`Viser de siste ${MAX_CHART_COHORTS} kullene`);
    const empty = adoptionChart({ groups: [{ ...group('2026-10', null), adoption: { d30: { rate: null, active: 0, eligible: 0 }, d60: { rate: null, active: 0, eligible: 0 }, d90: { rate: null, active: 0, eligible: 0 } } }], target: 0.4, t: translator('en'), lang: 'en' }).value;
    expect(empty).toContain('No cohort has reached day 30 yet.');
  });
});
