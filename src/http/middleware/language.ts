import type { Request } from 'express';
import { SUPPORTED_LANGUAGES, toSupportedLanguage, type Language } from '../../i18n.js';

/**
 * The language to answer in: `?lang=` first, then the learner's locale when the page is about
 * one learner's certificate, then `Accept-Language`, then English.
 */
export function requestLanguage(req: Request, learnerLocale?: string | null): Language {
  const query = typeof req.query?.lang === 'string' ? toSupportedLanguage(req.query.lang) : undefined;
  if (query) return query;
  const learner = toSupportedLanguage(learnerLocale);
  if (learner) return learner;
  const header = req.headers['accept-language'];
  if (header) {
    const accepted = req.acceptsLanguages([...SUPPORTED_LANGUAGES, 'no', 'nn', 'nb-NO', 'en-GB', 'en-US']);
    const fromHeader = toSupportedLanguage(accepted || undefined);
    if (fromHeader) return fromHeader;
  }
  return 'en';
}
