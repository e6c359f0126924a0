import type { Db } from '../db/client.js';
import { findCertificateByNumber } from '../db/certificates-repository.js';
import { findTenantById } from '../db/tenants-repository.js';
import type { Language } from '../i18n.js';
import { IMAGE_RENDER_VERSION } from '../images/image-version.js';
import { renderOgImage } from '../images/render-og-image.js';
import { certificateStatus } from '../issuance/certificate-status.js';
import { sha256Hex } from '../security/hashes.js';
import { brandingFingerprint } from '../tenants/branding-fingerprint.js';
import { BoundedCache } from '../verification/bounded-cache.js';

/** A rendered link-preview image with its strong ETag. */
export interface OgImage {
  bytes: Buffer;
  etag: string;
}

/** Dependencies of `ogImage`; the cache is the caller's so each app (and test) has its own. */
export interface OgImageDeps {
  db: Db;
  now: () => Date;
  cache: BoundedCache<OgImage>;
}

/** A cache for `ogImage` (about 50 KB an entry, so the default holds roughly 25 MB). */
export function createOgImageCache(capacity = 500): BoundedCache<OgImage> {
  return new BoundedCache(capacity);
}

/**
 * The 1200×627 Open Graph PNG of a certificate, showing its current status and
 * the tenant's colour and logo. Rendering is deterministic, so images are cached on
 * everything that shapes them: number, language, status, renderer version and branding.
 * `language` picks the language given the learner's locale (as the verify page does).
 * Returns undefined for an unknown number.
 */
export async function ogImage(
  deps: OgImageDeps,
  options: { number: string; language: (learnerLocale: string | null) => Language },
): Promise<OgImage | undefined> {
  const certificate = findCertificateByNumber(deps.db, options.number);
  if (!certificate) return undefined;
  const language = options.language(certificate.learnerLocale);
  const tenant = findTenantById(deps.db, certificate.tenantId)!;
  const status = certificateStatus(certificate, deps.now());
  const key = [certificate.number, language, status, IMAGE_RENDER_VERSION, brandingFingerprint(tenant)].join(' ');
  const cached = deps.cache.get(key);
  if (cached) return cached;
  const bytes = await renderOgImage({
    learnerName: certificate.learnerName,
    courseName: certificate.courseName[language] ?? certificate.courseName.en,
    issuerName: tenant.branding.displayName ?? tenant.name,
    status,
    issuedAt: certificate.issuedAt,
    language,
    primaryColor: tenant.branding.primaryColor,
    logo: tenant.logo ?? undefined,
  });
  const image = { bytes, etag: `"${sha256Hex(bytes).slice(0, 32)}"` };
  deps.cache.set(key, image);
  return image;
}
