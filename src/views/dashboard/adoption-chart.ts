import type { TFunction } from 'i18next';
import { CHECKPOINTS } from '../../analytics/adoption-metrics.js';
import type { AdoptionGroup } from '../../analytics/adoption-report.js';
import type { Language } from '../../i18n.js';
import { html, type SafeHtml } from '../html.js';
import { percent, ragBadge } from './format.js';

/** Okabe–Ito colours (distinguishable with common colour-vision deficiencies), plus dashes to tell lines apart. */
const SERIES = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000', '#7f7f7f'];
const DASHES = ['', '6 3', '2 3'];
/** More lines than this are unreadable; the table and CSV still hold every cohort. */
export const MAX_CHART_COHORTS = 8;

const W = 640;
const H = 300;
const M = { left: 64, right: 20, top: 16, bottom: 44 };
const x = (day: number) => M.left + ((day - 15) / 90) * (W - M.left - M.right);
const y = (rate: number) => M.top + (1 - rate) * (H - M.top - M.bottom);

/**
 * Adoption at 30/60/90 days per cohort against the target, as an inline SVG line chart with a
 * title and description for screen readers, a <title> on every point, and a legend that states
 * each cohort's 90-day rate and RAG status in words.
 */
export function adoptionChart(options: { groups: AdoptionGroup[]; target: number; t: TFunction; lang: Language }): SafeHtml {
  const { target, t, lang } = options;
  const plottable = options.groups.filter((g) => g.key !== null && g.adoption.d30.rate !== null);
  const groups = plottable.slice(-MAX_CHART_COHORTS);
  if (groups.length === 0) return html`<p class="muted">${t('dashboard:chart.empty')}</p>`;
  const targetText = percent(target, lang, t);
  const summary = groups.map((g) => t('dashboard:chart.legend', { cohort: g.key, rate: percent(g.adoption.d90.rate, lang, t) })).join('; ');
  const gridlines = [0, 0.25, 0.5, 0.75, 1].map(
    (r) => html`<line x1="${M.left}" x2="${W - M.right}" y1="${y(r)}" y2="${y(r)}" stroke="#d9dee5"/><text x="${M.left - 8}" y="${y(r) + 4}" text-anchor="end" font-size="12" fill="#5a6472">${percent(r, lang, t)}</text>`,
  );
  const ticks = CHECKPOINTS.map((d) => html`<text x="${x(d)}" y="${H - M.bottom + 18}" text-anchor="middle" font-size="12" fill="#5a6472">${d}</text>`);
  const series = groups.map((g, i) => {
    const colour = SERIES[i % SERIES.length]!;
    const points = CHECKPOINTS.flatMap((d) => {
      const p = g.adoption[`d${d}`];
      return p.rate === null ? [] : [{ d, ...p, rate: p.rate }];
    });
    const line = points.map((p) => `${x(p.d).toFixed(1)},${y(p.rate).toFixed(1)}`).join(' ');
    const dots = points.map(
      (p) => html`<circle cx="${x(p.d).toFixed(1)}" cy="${y(p.rate).toFixed(1)}" r="4" fill="${colour}"><title>${t('dashboard:chart.point', { cohort: g.key, day: p.d, rate: percent(p.rate, lang, t), active: p.active, eligible: p.eligible })}</title></circle>`,
    );
    return html`<g class="series"><polyline points="${line}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-dasharray="${DASHES[Math.floor(i / SERIES.length) % DASHES.length] ?? ''}"/>${dots}</g>`;
  });
  const legend = groups.map(
    (g, i) => html`<li><span class="swatch" style="background:${SERIES[i % SERIES.length]}" aria-hidden="true"></span>${t('dashboard:chart.legend', { cohort: g.key, rate: percent(g.adoption.d90.rate, lang, t) })} ${ragBadge(g.status, t)}</li>`,
  );
  return html`<figure class="chart">
<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">${t('dashboard:chart.title')}</title>
<desc id="chart-desc">${t('dashboard:chart.desc', { count: groups.length, target: targetText, summary })}</desc>
${gridlines}${ticks}
<text x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle" font-size="12" fill="#1c2430">${t('dashboard:chart.axisX')}</text>
<text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#1c2430">${t('dashboard:chart.axisY')}</text>
<line class="target" x1="${M.left}" x2="${W - M.right}" y1="${y(target)}" y2="${y(target)}" stroke="#1c2430" stroke-width="1.5" stroke-dasharray="8 4"/>
<text x="${W - M.right}" y="${y(target) - 6}" text-anchor="end" font-size="12" fill="#1c2430">${t('dashboard:chart.target', { rate: targetText })}</text>
${series}
</svg>
<figcaption><ul class="legend">${legend}</ul>${plottable.length > groups.length ? html`<p class="muted">${t('dashboard:chart.latest', { count: groups.length })}</p>` : ''}</figcaption>
</figure>`;
}
