import type { TFunction } from 'i18next';
import type { Language } from '../../i18n.js';
import { html, page } from '../html.js';
import { DASHBOARD_STYLES, languageLink } from './dashboard-styles.js';

/** The dashboard sign-in form (posts to itself); `error` is an already localised message. */
export function renderSignIn(options: { t: TFunction; lang: Language; error?: string }): string {
  const { t, lang, error } = options;
  const body = html`<main>
<header class="site"><strong>${t('common:appName')}</strong>${languageLink('/dashboard/sign-in', lang, t)}</header>
<h1>${t('dashboard:signIn.title')}</h1>
<p>${t('dashboard:signIn.intro')}</p>
${error ? html`<p class="status revoked" role="alert">${error}</p>` : ''}
<form class="card signin" method="post" action="/dashboard/sign-in">
<input type="hidden" name="lang" value="${lang}">
<label for="apiKey">${t('dashboard:signIn.apiKey')}</label>
<input id="apiKey" name="apiKey" type="password" autocomplete="off" required>
<button class="button primary" type="submit">${t('dashboard:signIn.submit')}</button>
</form></main>`;
  return page({ lang, title: t('dashboard:signIn.title'), head: DASHBOARD_STYLES, body });
}
