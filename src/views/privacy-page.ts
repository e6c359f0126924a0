import type { TFunction } from 'i18next';
import type { CertificateRecord } from '../db/certificates-repository.js';
import type { Language } from '../i18n.js';
import { certificateLinks } from '../issuance/certificate-links.js';
import { html, page } from './html.js';

/** The learner's privacy settings page for one certificate (a form posting to itself). */
export function renderPrivacyPage(options: { certificate: CertificateRecord; token: string; t: TFunction; lang: Language; publicUrl: string }): string {
  const { certificate, token, t, lang, publicUrl } = options;
  const hidden = certificate.usageHidden;
  const body = html`<main><h1>${t('privacy:heading')}</h1>
<p>${t('privacy:intro', { learner: certificate.learnerName, course: certificate.courseName[lang] ?? certificate.courseName.en })}</p>
<p class="card"><strong>${t(hidden ? 'privacy:nowHidden' : 'privacy:nowShown')}</strong></p>
<form method="post" action="/privacy/${certificate.number}">
<input type="hidden" name="token" value="${token}">
<input type="hidden" name="hideUsage" value="${hidden ? 'false' : 'true'}">
<button class="button primary" type="submit">${t(hidden ? 'privacy:show' : 'privacy:hide')}</button>
</form>
<p class="muted">${t('privacy:note')}</p>
<p><a href="${certificateLinks(publicUrl, certificate.number).verify}">${t('privacy:viewPage')}</a></p></main>`;
  return page({ lang, title: t('privacy:heading'), body });
}
