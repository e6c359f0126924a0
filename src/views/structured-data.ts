import type { TFunction } from 'i18next';
import type { Language } from '../i18n.js';
import { certificateLinks } from '../issuance/certificate-links.js';
import { issuerProfileUrl } from '../credentials/issuer-profile.js';
import { ogImageUrl } from '../sharing/share-links.js';
import type { CertificateVerification } from '../verification/verify-certificate.js';
import { SafeHtml } from './html.js';

/**
 * schema.org `EducationalOccupationalCredential` describing a certificate, for search engines.
 * The issuer is the recognising Organization; `expires` appears only when the credential does.
 */
export function credentialStructuredData(options: {
  verification: CertificateVerification;
  t: TFunction;
  lang: Language;
  publicUrl: string;
}): Record<string, unknown> {
  const { verification: v, t, lang, publicUrl } = options;
  const url = certificateLinks(publicUrl, v.number).verify;
  const branding = v.tenant.branding;
  const issuer: Record<string, unknown> = {
    '@type': 'Organization',
    name: v.issuerName,
    url: branding.websiteUrl ?? issuerProfileUrl(publicUrl, v.issuerSlug),
  };
  if (branding.logoUrl) issuer.logo = branding.logoUrl;
  return {
    '@context': 'https://schema.org',
    '@type': 'EducationalOccupationalCredential',
    '@id': url,
    url,
    identifier: v.number,
    name: v.courseName[lang] ?? v.courseName.en,
    description: t('verify:awardedTo', { learner: v.learnerName, issuer: v.issuerName }),
    credentialCategory: 'certificate',
    inLanguage: lang,
    dateCreated: v.issuedAt,
    ...(v.validUntil ? { expires: v.validUntil } : {}),
    image: ogImageUrl(publicUrl, v.number, lang),
    recognizedBy: issuer,
  };
}

// Inside <script> the HTML parser ends the element at the first "</script", whatever JSON
// quoting says; escaping <, > and & as JSON \u escapes keeps the data and closes that door.
// U+2028/2029 are escaped for old JavaScript parsers that treat them as line ends.
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/** A `<script type="application/ld+json">` element holding `data`, safe for any string values. */
export function jsonLdScript(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(UNSAFE_IN_SCRIPT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new SafeHtml(`<script type="application/ld+json">${json}</script>`);
}
