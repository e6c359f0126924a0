import type { TFunction } from 'i18next';
import type { Language } from '../i18n.js';
import { OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH } from '../images/render-og-image.js';
import { certificateLinks } from '../issuance/certificate-links.js';
import { formatLongDate } from '../pdf/format-date.js';
import { ogImageUrl } from '../sharing/share-links.js';
import type { CertificateVerification } from '../verification/verify-certificate.js';
import { html, type SafeHtml } from './html.js';

/** Open Graph wants locales as language_TERRITORY. */
const OG_LOCALES: Record<Language, string> = { en: 'en_GB', nb: 'nb_NO' };

/** The date the status sentence is about: revocation, expiry, or issuance. */
function statusDate(v: CertificateVerification): string {
  if (v.status === 'revoked') return v.revokedAt!;
  if (v.status === 'expired') return v.validUntil!;
  return v.issuedAt;
}

/**
 * Link-preview tags for a verify page: canonical URL, description, Open Graph (LinkedIn,
 * Facebook, Slack...) and Twitter card. Every URL is absolute, as crawlers require; the image
 * is the 1200×627 PNG in the page's language.
 */
export function previewMetaTags(options: {
  verification: CertificateVerification;
  t: TFunction;
  lang: Language;
  publicUrl: string;
}): SafeHtml {
  const { verification: v, t, lang, publicUrl } = options;
  const url = certificateLinks(publicUrl, v.number).verify;
  const image = ogImageUrl(publicUrl, v.number, lang);
  const values = { learner: v.learnerName, course: v.courseName[lang] ?? v.courseName.en, issuer: v.issuerName };
  const title = t('share:og.title', values);
  const description = t(`share:og.description.${v.status}`, { ...values, date: formatLongDate(statusDate(v), lang) });
  const imageAlt = t('share:og.imageAlt', values);
  return html`<link rel="canonical" href="${url}">
<meta name="description" content="${description}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${v.issuerName}">
<meta property="og:url" content="${url}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:locale" content="${OG_LOCALES[lang]}">
<meta property="og:locale:alternate" content="${OG_LOCALES[lang === 'en' ? 'nb' : 'en']}">
<meta property="og:image" content="${image}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="${OG_IMAGE_WIDTH}">
<meta property="og:image:height" content="${OG_IMAGE_HEIGHT}">
<meta property="og:image:alt" content="${imageAlt}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
<meta name="twitter:image" content="${image}">
<meta name="twitter:image:alt" content="${imageAlt}">`;
}
