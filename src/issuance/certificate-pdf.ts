import type { Db } from '../db/client.js';
import { findCertificateByNumber, findCertificateTenantAndLocale } from '../db/certificates-repository.js';
import { findCachedPdf, storeCachedPdf, type CachedPdf } from '../db/pdf-cache-repository.js';
import type { Language } from '../i18n.js';
import { CERTIFICATE_TEMPLATE_VERSION } from '../pdf/layout.js';
import { renderCertificatePdf } from '../pdf/render-certificate.js';
import { certificateLinks } from './certificate-links.js';
import { sha256Hex } from '../security/hashes.js';
import { cachedTenantWithFingerprint } from '../tenants/tenant-cache.js';
import { BoundedCache } from '../verification/bounded-cache.js';

/**
 * Recently served PDFs, so re-downloads skip the database blob read: about 25 KB each, but a
 * tenant logo (up to 256 KB) is embedded in every PDF, hence the byte limit as well.
 */
const recentPdfs = new BoundedCache<CachedPdf>(400, { maxBytes: 16 * 1024 * 1024, sizeOf: (pdf) => pdf.bytes.byteLength });

/** A certificate PDF ready to send. */
export interface CertificatePdf extends CachedPdf {
  filename: string;
}

/**
 * The certificate PDF, rendered once per language and then served from the cache (memory, then
 * the database): the same certificate, language, template and branding always give byte-identical
 * files. `language` picks the language given the learner's locale (as the verify page does).
 * Returns undefined for an unknown number.
 */
export async function certificatePdf(
  deps: { db: Db; publicUrl: string },
  options: { number: string; language: (learnerLocale: string | null) => Language },
): Promise<CertificatePdf | undefined> {
  // A re-download needs only the certificate's tenant (for its branding fingerprint) and the
  // learner's locale (for the language), not the whole row.
  const found = findCertificateTenantAndLocale(deps.db, options.number);
  if (!found) return undefined;
  const language = options.language(found.learnerLocale);
  const { tenant, fingerprint } = cachedTenantWithFingerprint(deps.db, found.tenantId)!;
  const renderVersion = sha256Hex(`${CERTIFICATE_TEMPLATE_VERSION} ${fingerprint}`).slice(0, 16);
  const key = { number: options.number, language, templateVersion: renderVersion };
  const filename = `certificate-${options.number}-${language}.pdf`;
  const memoryKey = `${key.number}|${key.language}|${renderVersion}`;
  const remembered = recentPdfs.get(memoryKey);
  if (remembered) return { ...remembered, filename };
  const cached = findCachedPdf(deps.db, key);
  if (cached) {
    recentPdfs.set(memoryKey, cached);
    return { ...cached, filename };
  }
  const certificate = findCertificateByNumber(deps.db, options.number);
  if (!certificate) return undefined;
  const branding = tenant.branding;
  const bytes = await renderCertificatePdf({
    number: certificate.number,
    learnerName: certificate.learnerName,
    courseName: certificate.courseName[language] ?? certificate.courseName.en,
    issuerName: branding.displayName ?? tenant.name,
    completedAt: certificate.completedAt,
    verifyUrl: certificateLinks(deps.publicUrl, certificate.number).verify,
    language,
    branding: { primaryColor: branding.primaryColor, accentColor: branding.accentColor, logo: tenant.logo ?? undefined },
  });
  const etag = `"${sha256Hex(bytes).slice(0, 32)}"`;
  storeCachedPdf(deps.db, { ...key, etag, bytes });
  recentPdfs.set(memoryKey, { etag, bytes });
  return { etag, bytes, filename };
}
