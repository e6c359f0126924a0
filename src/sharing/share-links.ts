import type { Language } from '../i18n.js';
import { certificateLinks } from '../issuance/certificate-links.js';

/** Absolute URL of a certificate's Open Graph image in `lang` (crawlers need absolute URLs). */
export function ogImageUrl(publicUrl: string, number: string, lang: Language): string {
  return `${certificateLinks(publicUrl, number).verify}/og.png?lang=${lang}`;
}
