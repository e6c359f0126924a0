import type { TFunction } from 'i18next';
import type { CredentialVersionRecord } from '../db/credential-versions-repository.js';
import type { Language } from '../i18n.js';
import { credentialVersionUrl } from '../issuance/renew-credentials.js';
import { formatLongDate } from '../pdf/format-date.js';
import { html, type SafeHtml } from './html.js';

/** A list of a renewed credential's versions (current first). */
export function renderVersionHistory(options: {
  number: string;
  currentVersion: number;
  currentValidFrom: string;
  currentValidUntil: string | null;
  previous: CredentialVersionRecord[];
  publicUrl: string;
  t: TFunction;
  lang: Language;
}): SafeHtml {
  const { number, previous, publicUrl, t, lang } = options;
  const period = (from: string, until: string | null) =>
    until ? t('history:period', { from: formatLongDate(from, lang), until: formatLongDate(until, lang) }) : formatLongDate(from, lang);
  const rows = [
    html`<li><a href="${credentialVersionUrl(publicUrl, number, options.currentVersion)}">${t('history:version', { version: options.currentVersion })}</a> (${t('history:current')}): ${period(options.currentValidFrom, options.currentValidUntil)}</li>`,
    ...[...previous].reverse().map(
      (v) => html`<li><a href="${credentialVersionUrl(publicUrl, number, v.version)}">${t('history:version', { version: v.version })}</a>: ${period(v.validFrom, v.validUntil)}</li>`,
    ),
  ];
  return html`<section class="card" aria-labelledby="history"><h2 id="history">${t('history:heading')}</h2><p class="muted">${t('history:explanation')}</p><ul>${rows}</ul></section>`;
}
