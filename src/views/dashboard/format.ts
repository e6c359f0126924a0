import type { TFunction } from 'i18next';
import type { AdoptionPoint, RagStatus, ValueEstimate } from '../../analytics/adoption-metrics.js';
import type { Language } from '../../i18n.js';
import { html, type SafeHtml } from '../html.js';

const LOCALES: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };

/** A share as a whole percentage in the page language ("40%", "40 %"); "n/a" for null. */
export function percent(rate: number | null, lang: Language, t: TFunction): string {
  if (rate === null) return t('analytics:notAvailable');
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** A number in the page language, at most `digits` decimals. */
export function decimal(value: number, lang: Language, digits = 1): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(value);
}

/** Colours of the RAG badges; the text label always says the same thing (colour is never alone). */
export const RAG_COLOURS: Record<RagStatus, { fg: string; bg: string }> = {
  green: { fg: '#1b6e3a', bg: '#e6f4ea' },
  amber: { fg: '#7a4f00', bg: '#fff4e0' },
  red: { fg: '#a4161a', bg: '#fde8e8' },
  pending: { fg: '#4a5361', bg: '#eceff3' },
};

/** A RAG badge: coloured and labelled in words. */
export function ragBadge(status: RagStatus, t: TFunction): SafeHtml {
  const c = RAG_COLOURS[status];
  return html`<span class="rag rag-${status}" style="color:${c.fg};background:${c.bg}">${t(`analytics:status.${status}`)}</span>`;
}

/** "40% (2/5)" for a checkpoint. */
export function pointCell(point: AdoptionPoint, lang: Language, t: TFunction): string {
  return t('dashboard:table.rate', { rate: percent(point.rate, lang, t), active: point.active, eligible: point.eligible });
}

/** The value estimate spelled out with its inputs, or empty. */
export function estimateText(value: ValueEstimate | null, lang: Language, t: TFunction): string {
  if (!value) return '';
  return t('dashboard:table.estimate', {
    hours: decimal(value.hoursSaved, lang),
    value: decimal(value.value, lang, 0),
    days: value.activeDays,
    minutes: decimal(value.minutesSavedPerActiveDay, lang),
    cost: decimal(value.hourlyCost, lang),
  });
}
