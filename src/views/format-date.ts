import type { Language } from '../i18n.js';

const LOCALE_OF: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };
const formatters = new Map<Language, Intl.DateTimeFormat>();

/** Formats an ISO instant as a long calendar date in UTC ("23 November 2026", "23. november 2026"). */
export function formatDate(iso: string, language: Language): string {
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE_OF[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formatters.set(language, formatter);
  }
  return formatter.format(new Date(iso));
}
