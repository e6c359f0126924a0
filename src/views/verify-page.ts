import type { TFunction } from 'i18next';
import type { Language } from '../i18n.js';
import { certificateLinks } from '../issuance/certificate-links.js';
import type { CertificateVerification } from '../verification/verify-certificate.js';
import { formatLongDate as formatDate } from '../pdf/format-date.js';
import { html, page, type SafeHtml } from './html.js';

function statusBanner(v: CertificateVerification, t: TFunction, lang: Language): SafeHtml {
  const text =
    v.status === 'revoked'
      ? t('verify:status.revoked', { date: formatDate(v.revokedAt!, lang), reason: v.revocationReason ?? '' })
      : v.status === 'expired'
        ? t('verify:status.expired', { date: formatDate(v.validUntil!, lang) })
        : t('verify:status.valid');
  const icon = v.status === 'valid' ? '✔' : '✖';
  return html`<div class="status ${v.status}" role="status"><span aria-hidden="true">${icon}</span><span>${text}</span></div>`;
}

/** The public verify page of one certificate (localised; HTML only, no scripts). */
export function renderVerifyPage(options: {
  verification: CertificateVerification;
  t: TFunction;
  lang: Language;
  publicUrl: string;
  /** The "Recent usage" section (see usage-panel.ts), shown after the status. */
  usagePanel?: SafeHtml;
}): string {
  const { verification: v, t, lang, publicUrl } = options;
  const links = certificateLinks(publicUrl, v.number);
  const course = v.courseName[lang] ?? v.courseName.en;
  const other: Language = lang === 'en' ? 'nb' : 'en';
  const head = html`<link rel="alternate" type="application/ld+json" href="${links.credential}">
<link rel="alternate" type="application/vc+jwt" href="${links.jwt}">
<meta name="description" content="${t('verify:awardedTo', { learner: v.learnerName, issuer: v.issuerName })}">`;
  const checks = v.checks.map(
    (c) =>
      html`<li><span class="${c.ok ? 'ok' : 'fail'}">${c.ok ? '✔' : '✖'} ${t(`verify:checks.${c.check}`)}: ${t(c.ok ? 'verify:passed' : 'verify:failed')}</span>${c.detail ? html` <span class="muted">(${c.detail})</span>` : ''}</li>`,
  );
  const body = html`<main>
<header class="site"><strong>${v.issuerName}</strong><nav class="lang"><a href="?lang=${other}" hreflang="${other}" lang="${other}">${t('verify:otherLanguage')}</a></nav></header>
<h1>${t('verify:heading', { course })}</h1>
<p>${t('verify:awardedTo', { learner: v.learnerName, issuer: v.issuerName })}</p>
${statusBanner(v, t, lang)}
${options.usagePanel ?? ''}
<section class="card" aria-labelledby="details"><h2 id="details">${t('verify:details')}</h2><dl>
<dt>${t('verify:learner')}</dt><dd>${v.learnerName}</dd>
<dt>${t('verify:course')}</dt><dd>${course}</dd>
<dt>${t('verify:issuer')}</dt><dd>${v.issuerName}</dd>
<dt>${t('verify:completed')}</dt><dd><time datetime="${v.completedAt}">${formatDate(v.completedAt, lang)}</time></dd>
<dt>${t('verify:issued')}</dt><dd><time datetime="${v.issuedAt}">${formatDate(v.issuedAt, lang)}</time></dd>
<dt>${t('verify:validUntil')}</dt><dd>${v.validUntil ? html`<time datetime="${v.validUntil}">${formatDate(v.validUntil, lang)}</time>` : t('verify:noExpiry')}</dd>
<dt>${t('verify:number')}</dt><dd><code>${v.number}</code></dd>
</dl></section>
<section class="card" aria-labelledby="checks"><h2 id="checks">${t('verify:checksHeading')}</h2><ul class="checks">${checks}</ul></section>
<section class="card" aria-labelledby="downloads"><h2 id="downloads">${t('verify:downloads')}</h2><div class="actions">
<a class="button primary" href="${links.pdf}?lang=en" download>${t('verify:pdfEn')}</a>
<a class="button primary" href="${links.pdf}?lang=nb" download>${t('verify:pdfNb')}</a>
<a class="button" href="${links.credential}">${t('verify:credentialJson')}</a>
<a class="button" href="${links.jwt}">${t('verify:credentialJwt')}</a>
<a class="button" href="${links.badge}" download>${t('verify:badgePng')}</a>
</div></section>
</main>`;
  return page({ lang, title: t('verify:title', { number: v.number }), head, body });
}

/** The 404 page for unknown or malformed numbers (identical for both, so numbers cannot be probed). */
export function renderVerifyNotFound(options: { t: TFunction; lang: Language }): string {
  const { t, lang } = options;
  return page({
    lang,
    title: t('verify:notFoundTitle'),
    body: html`<main><h1>${t('verify:notFoundTitle')}</h1><p>${t('verify:notFoundBody')}</p></main>`,
  });
}
