import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import { projectPath } from './paths.js';

/** Languages Credence ships; the first is the fallback. */
export const SUPPORTED_LANGUAGES = ['en', 'nb'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

const LOCALES_DIR = projectPath('locales');

function loadResources(): Resource {
  const resources: Resource = {};
  for (const lng of SUPPORTED_LANGUAGES) {
    const namespaces: Resource[string] = {};
    resources[lng] = namespaces;
    for (const file of readdirSync(join(LOCALES_DIR, lng))) {
      if (!file.endsWith('.json')) continue;
      namespaces[file.slice(0, -5)] = JSON.parse(readFileSync(join(LOCALES_DIR, lng, file), 'utf8'));
    }
  }
  return resources;
}

let instance: i18n | undefined;

function getInstance(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    // initAsync false + in-memory resources: init completes synchronously.
    void instance.init({
      resources: loadResources(),
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...SUPPORTED_LANGUAGES],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  }
  return instance;
}

/** Returns a translation function bound to `language` (namespaced keys like `pdf:title`). */
export function translator(language: Language): TFunction {
  return getInstance().getFixedT(language);
}

/** Narrows an arbitrary tag such as `nb-NO`, `no` or `en-GB` to a supported language, or undefined. */
export function toSupportedLanguage(tag: string | undefined | null): Language | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'en') return 'en';
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  return undefined;
}
