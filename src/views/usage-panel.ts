import type { TFunction } from 'i18next';
import type { Language } from '../i18n.js';
import { formatLongDate } from '../pdf/format-date.js';
import type { NoEvidenceReason, UsageEvidence } from '../usage/usage-evidence.js';
import { html, type SafeHtml } from './html.js';

const BAR = { width: 18, gap: 6, height: 28 };

/** Twelve weekly bars, oldest first: filled when the learner applied the skill that week. */
function weekStrip(weeks: boolean[], t: TFunction): SafeHtml {
  const width = weeks.length * (BAR.width + BAR.gap) - BAR.gap;
  const active = weeks.filter(Boolean).length;
  const label = t('usage:weeksLabel', { count: active });
  const bars = weeks.map(
    (on, i) =>
      html`<rect x="${i * (BAR.width + BAR.gap)}" y="${on ? 0 : BAR.height - 6}" width="${BAR.width}" height="${on ? BAR.height : 6}" rx="3" fill="${on ? '#1b6e3a' : '#c9d1db'}"><title>${t(on ? 'usage:weekActive' : 'usage:weekInactive', { count: weeks.length - 1 - i })}</title></rect>`,
  );
  return html`<svg class="weeks" role="img" aria-label="${label}" width="${width}" height="${BAR.height}" viewBox="0 0 ${width} ${BAR.height}"><title>${label}</title>${bars}</svg>`;
}

function lastUsed(evidence: UsageEvidence, t: TFunction, lang: Language): string {
  if (evidence.daysSinceLastUse === null || !evidence.lastActiveDate) return t('usage:neverUsed');
  if (evidence.daysSinceLastUse === 0) return t('usage:usedToday');
  return t('usage:lastUsed', { count: evidence.daysSinceLastUse, date: formatLongDate(evidence.lastActiveDate, lang) });
}

/**
 * The "Recent usage" section of the verify page: state, score, last use, a 12-week strip, the
 * sources and a plain-words note on what is and is not measured. Nothing when the course
 * measures no usage; a short note when the learner or the issuer chose not to show it.
 */
export function renderUsagePanel(options: { evidence: UsageEvidence | NoEvidenceReason; t: TFunction; lang: Language }): SafeHtml {
  const { evidence, t, lang } = options;
  if (evidence === 'not_measured') return html``;
  if (evidence === 'hidden') {
    return html`<section class="card" aria-labelledby="usage"><h2 id="usage">${t('usage:heading')}</h2><p class="muted">${t('usage:hidden')}</p></section>`;
  }
  return html`<section class="card usage ${evidence.state}" aria-labelledby="usage"><h2 id="usage">${t('usage:heading')}</h2>
<p class="usage-state"><strong>${t(`usage:state.${evidence.state}`)}</strong>${evidence.state === 'no_evidence' ? '' : html` · ${t('usage:score', { score: evidence.score })}`}</p>
<p>${lastUsed(evidence, t, lang)}</p>
${weekStrip(evidence.activeWeeksLast12, t)}
<p class="muted">${evidence.sources.length > 0 ? t('usage:sources', { sources: evidence.sources.join(', ') }) : ''}</p>
<p class="muted">${t('usage:explanation', { halfLife: evidence.halfLifeDays })}</p>
<p class="muted">${t('usage:signed', { date: formatLongDate(evidence.computedAt, lang) })}</p>
</section>`;
}
