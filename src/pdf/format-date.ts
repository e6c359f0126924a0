import type { Language } from '../i18n.js';

const LOCALES: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };
const formats = new Map<Language, Intl.DateTimeFormat>();

/**
 * Parses an ISO 8601 timestamp; a TypeError for anything else, since callers pass stored dates.
 */
export function parseIsoDate(iso: string, field = 'date'): Date {
  const date = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso) || Number.isNaN(date.getTime())) {
    throw new TypeError(`${field} must be an ISO 8601 date, got ${JSON.stringify(iso)}`);
  }
  return date;
}

/**
 * Formats a date as people write it in the language, e.g. "23 November 2026" (en-GB) or
 * "23. november 2026" (nb-NO). The calendar day is taken in UTC so every server agrees.
 */
export function formatLongDate(iso: string, language: Language): string {
  let format = formats.get(language);
  if (!format) {
    // Building a formatter costs about a millisecond: keep one per language.
    format = new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formats.set(language, format);
  }
  return format.format(parseIsoDate(iso));
}

/** The BCP 47 tag (with region) used for dates and document metadata in a language. */
export function localeTag(language: Language): string {
  return LOCALES[language];
}
