import type { TFunction } from 'i18next';
import type { Language } from '../i18n.js';
import { certificateLinks } from '../issuance/certificate-links.js';
import { formatLongDate } from '../pdf/format-date.js';
import { linkedinAddToProfileUrl, linkedinShareUrl } from '../sharing/linkedin.js';
import type { CertificateVerification } from '../verification/verify-certificate.js';
import { COPY_LINK_SCRIPT } from './copy-link-script.js';
import { html, type SafeHtml } from './html.js';

/** Styles of the share section (LinkedIn's own blue: 5.7:1 against white text). */
export const SHARE_STYLES = html`<style>
.button.linkedin{background:#0a66c2;border-color:#0a66c2;color:#fff}
.copy{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-top:.75rem}
.copy label{flex-basis:100%;color:var(--muted)}
.copy input{flex:1 1 16rem;min-width:0;padding:.5rem;border:1px solid var(--line);border-radius:8px;font:inherit}
.copy button{font:inherit;cursor:pointer;background:#fff;color:var(--accent)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.button:focus-visible,.copy button:focus-visible,.copy input:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
</style>`;

function linkedinButtons(v: CertificateVerification, t: TFunction, lang: Language, verifyUrl: string): SafeHtml {
  const addUrl = linkedinAddToProfileUrl({
    name: v.courseName[lang] ?? v.courseName.en,
    organizationName: v.issuerName,
    organizationId: v.tenant.branding.linkedinOrganizationId,
    // The certification dates from the completion, and its expiry is counted from there: a
    // completion reported months late must not show a shorter certification on the profile.
    issuedAt: v.completedAt,
    validUntil: v.validUntil,
    certUrl: verifyUrl,
    certId: v.number,
  });
  const newTab = html`<span class="visually-hidden"> ${t('share:newTab')}</span>`;
  return html`<div class="actions">
<a class="button linkedin" id="linkedin-add" href="${addUrl}" target="_blank" rel="noopener noreferrer">${t('share:addToProfile')}${newTab}</a>
<a class="button" id="linkedin-share" href="${linkedinShareUrl(verifyUrl)}" target="_blank" rel="noopener noreferrer">${t('share:shareOnLinkedIn')}${newTab}</a>
</div>`;
}

function whyNotShareable(v: CertificateVerification, t: TFunction, lang: Language): SafeHtml {
  const date = v.status === 'revoked' ? v.revokedAt! : v.validUntil!;
  return html`<p class="not-shareable">${t(`share:notShareable.${v.status}`, { date: formatLongDate(date, lang) })}</p>`;
}

function copyLink(t: TFunction, verifyUrl: string): SafeHtml {
  return html`<div class="copy">
<label for="share-url">${t('share:linkLabel')}</label>
<input id="share-url" type="url" value="${verifyUrl}" readonly>
<button type="button" class="button" id="copy-link" data-copied="${t('share:copied')}" hidden>${t('share:copyLink')}</button>
<span id="copy-status" role="status"></span>
</div>
${COPY_LINK_SCRIPT}`;
}

/**
 * The share card: for a valid certificate, "Add to LinkedIn profile" and "Share on LinkedIn";
 * for a revoked or expired one, a sentence saying why those are missing. The link to the page
 * is always there, since a verifier may need to pass on even a revoked certificate's page.
 */
export function shareSection(options: { verification: CertificateVerification; t: TFunction; lang: Language; publicUrl: string }): SafeHtml {
  const { verification: v, t, lang, publicUrl } = options;
  const verifyUrl = certificateLinks(publicUrl, v.number).verify;
  const actions = v.status === 'valid' ? linkedinButtons(v, t, lang, verifyUrl) : whyNotShareable(v, t, lang);
  return html`<section class="card" aria-labelledby="share"><h2 id="share">${t('share:heading')}</h2>
${actions}
${copyLink(t, verifyUrl)}
</section>`;
}
