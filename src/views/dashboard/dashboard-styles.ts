import type { TFunction } from 'i18next';
import type { Language } from '../../i18n.js';
import { html, type SafeHtml } from '../html.js';

/** Extra inline styles of the dashboard pages (wider than the verify pages: tables and charts). */
export const DASHBOARD_STYLES = html`<style>
main{max-width:72rem}table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.4rem 0}.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}.rag{display:inline-block;border-radius:6px;padding:.1rem .45rem;font-weight:600;font-size:.85rem}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;margin-right:.35rem;vertical-align:-.1rem}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end}form.filters label,form.signin label{display:block;font-size:.85rem;color:var(--muted)}
form.signin{display:grid;gap:.5rem;max-width:32rem}input,select{padding:.45rem;border:1px solid var(--line);border-radius:8px;font:inherit}
form.inline{display:inline}button.button{cursor:pointer;font:inherit;background:#fff;color:var(--accent)}button.button.primary{background:var(--accent);color:#fff}
figure.chart{margin:0}.estimate{font-size:.85rem;color:var(--muted)}
</style>`;

/** A link to the same page in the other language. */
export function languageLink(path: string, lang: Language, t: TFunction, query = ''): SafeHtml {
  const other: Language = lang === 'en' ? 'nb' : 'en';
  return html`<nav class="lang"><a href="${path}?${query ? `${query}&` : ''}lang=${other}" hreflang="${other}" lang="${other}">${t('dashboard:otherLanguage')}</a></nav>`;
}
