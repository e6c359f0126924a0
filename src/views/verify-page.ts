import type { TFunction } from 'i18next';
import type { Language } from '../i18n.js';
import { certificateLinks } from '../issuance/certificate-links.js';
import type { CertificateVerification } from '../verification/verify-certificate.js';
import { formatLongDate as formatDate } from '../pdf/format-date.js';
import { brandTheme } from './brand-theme.js';
import { html, page, type SafeHtml } from './html.js';
import { previewMetaTags } from './meta-tags.js';
import { SHARE_STYLES, shareSection } from './share-section.js';
import { credentialStructuredData, jsonLdScript } from './structured-data.js';

/** What every section of the verify page is rendered from. */
interface PageContext {
  v: CertificateVerification;
  t: TFunction;
  lang: Language;
  publicUrl: string;
}

function siteHeader({ v, t, lang }: PageContext): SafeHtml {
  const other: Language = lang === 'en' ? 'nb' : 'en';
  const { logoUrl, websiteUrl } = v.tenant.branding;
  const logo = logoUrl ? html`<img class="logo" src="${logoUrl}" alt="${t('share:logoAlt', { issuer: v.issuerName })}">` : '';
  const name = websiteUrl ? html`<a href="${websiteUrl}">${v.issuerName}</a>` : v.issuerName;
  return html`<header class="site"><div class="issuer">${logo}<strong>${name}</strong></div><nav class="lang"><a href="?lang=${other}" hreflang="${other}" lang="${other}">${t('verify:otherLanguage')}</a></nav></header>`;
}

function statusBanner({ v, t, lang }: PageContext): SafeHtml {
  const text =
    v.status === 'revoked'
      ? t('verify:status.revoked', { date: formatDate(v.revokedAt!, lang), reason: v.revocationReason ?? '' })
      : v.status === 'expired'
        ? t('verify:status.expired', { date: formatDate(v.validUntil!, lang) })
        : t('verify:status.valid');
  const icon = v.status === 'valid' ? '✔' : '✖';
  return html`<div class="status ${v.status}" role="status"><span aria-hidden="true">${icon}</span><span>${text}</span></div>`;
}

function detailsSection({ v, t, lang }: PageContext): SafeHtml {
  const course = v.courseName[lang] ?? v.courseName.en;
  return html`<section class="card" aria-labelledby="details"><h2 id="details">${t('verify:details')}</h2><dl>
<dt>${t('verify:learner')}</dt><dd>${v.learnerName}</dd>
<dt>${t('verify:course')}</dt><dd>${course}</dd>
<dt>${t('verify:issuer')}</dt><dd>${v.issuerName}</dd>
<dt>${t('verify:completed')}</dt><dd><time datetime="${v.completedAt}">${formatDate(v.completedAt, lang)}</time></dd>
<dt>${t('verify:issued')}</dt><dd><time datetime="${v.issuedAt}">${formatDate(v.issuedAt, lang)}</time></dd>
<dt>${t('verify:validUntil')}</dt><dd>${v.validUntil ? html`<time datetime="${v.validUntil}">${formatDate(v.validUntil, lang)}</time>` : t('verify:noExpiry')}</dd>
<dt>${t('verify:number')}</dt><dd><code>${v.number}</code></dd>
</dl></section>`;
}

function checksSection({ v, t }: PageContext): SafeHtml {
  const checks = v.checks.map(
    (c) =>
      html`<li><span class="${c.ok ? 'ok' : 'fail'}">${c.ok ? '✔' : '✖'} ${t(`verify:checks.${c.check}`)}: ${t(c.ok ? 'verify:passed' : 'verify:failed')}</span>${c.detail ? html` <span class="muted">(${c.detail})</span>` : ''}</li>`,
  );
  return html`<section class="card" aria-labelledby="checks"><h2 id="checks">${t('verify:checksHeading')}</h2><ul class="checks">${checks}</ul></section>`;
}

function downloadsSection({ v, t, publicUrl }: PageContext): SafeHtml {
  const links = certificateLinks(publicUrl, v.number);
  return html`<section class="card" aria-labelledby="downloads"><h2 id="downloads">${t('verify:downloads')}</h2><div class="actions">
<a class="button primary" href="${links.pdf}?lang=en" download>${t('verify:pdfEn')}</a>
<a class="button primary" href="${links.pdf}?lang=nb" download>${t('verify:pdfNb')}</a>
<a class="button" href="${links.badge}" download>${t('verify:badgePng')}</a>
<a class="button" href="${links.credential}" type="application/ld+json">${t('verify:credentialJson')}</a>
<a class="button" href="${links.jwt}" type="application/vc+jwt">${t('verify:credentialJwt')}</a>
</div></section>`;
}

function pageHead(context: PageContext): SafeHtml {
  const { v, publicUrl } = context;
  const links = certificateLinks(publicUrl, v.number);
  return html`<link rel="alternate" type="application/ld+json" href="${links.credential}">
<link rel="alternate" type="application/vc+jwt" href="${links.jwt}">
${previewMetaTags({ verification: v, t: context.t, lang: context.lang, publicUrl })}
${jsonLdScript(credentialStructuredData({ verification: v, t: context.t, lang: context.lang, publicUrl }))}
${SHARE_STYLES}
<style>header.site .issuer{display:flex;align-items:center;gap:.75rem}img.logo{max-height:48px;max-width:12rem;width:auto}</style>
${brandTheme(v.tenant.branding)}`;
}

/**
 * The public verify page of one certificate (localised): status, usage evidence when given,
 * sharing (LinkedIn, link), details, checks and downloads, with link-preview tags and
 * schema.org data in the head. The only script is the hash-allowed copy-link helper.
 */
export function renderVerifyPage(options: {
  verification: CertificateVerification;
  t: TFunction;
  lang: Language;
  publicUrl: string;
  /** The recent-usage panel (issue 5), shown right after the status banner. */
  usagePanel?: SafeHtml;
  /** The renewal history (see version-history.ts), shown after the details. */
  history?: SafeHtml;
}): string {
  const { verification: v, t, lang, publicUrl } = options;
  const context: PageContext = { v, t, lang, publicUrl };
  const course = v.courseName[lang] ?? v.courseName.en;
  const body = html`<main>
${siteHeader(context)}
<h1>${t('verify:heading', { course })}</h1>
<p>${t('verify:awardedTo', { learner: v.learnerName, issuer: v.issuerName })}</p>
${statusBanner(context)}
${options.usagePanel ?? ''}
${shareSection({ verification: v, t, lang, publicUrl })}
${detailsSection(context)}
${options.history ?? ''}
${checksSection(context)}
${downloadsSection(context)}
</main>`;
  return page({ lang, title: t('verify:title', { number: v.number }), head: pageHead(context), body });
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
