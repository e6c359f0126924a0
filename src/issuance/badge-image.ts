import type { Db } from '../db/client.js';
import type { CertificateRecord } from '../db/certificates-repository.js';
import { bakePng } from '../credentials/bake-png.js';
import { renderBadgePng } from '../images/render-badge-png.js';
import type { Tenant } from '../db/tenants-repository.js';
import { cachedTenantWithFingerprint } from '../tenants/tenant-cache.js';
import { BoundedCache } from '../verification/bounded-cache.js';

const rendered = new BoundedCache<Buffer>(2000);

/** The badge artwork of a course of the tenant, in its branding (English wording), not baked. */
export function renderCourseBadge(tenant: Tenant, courseName: string): Promise<Buffer> {
  return renderBadgePng({
    courseName,
    issuerName: tenant.branding.displayName ?? tenant.name,
    primaryColor: tenant.branding.primaryColor,
    language: 'en',
  });
}

/**
 * The badge PNG of a certificate with its signed credential baked in (one `iTXt` chunk,
 * keyword `openbadgecredential`). Deterministic, so renderings are cached per number, version
 * and branding.
 */
export async function badgeImage(deps: { db: Db }, certificate: CertificateRecord): Promise<Buffer> {
  const { tenant, fingerprint } = cachedTenantWithFingerprint(deps.db, certificate.tenantId)!;
  const cacheKey = `${certificate.number}@${certificate.version}|${fingerprint}`;
  const cached = rendered.get(cacheKey);
  if (cached) return cached;
  const image = await renderCourseBadge(tenant, certificate.courseName.en);
  const baked = bakePng(image, certificate.credentialJson);
  rendered.set(cacheKey, baked);
  return baked;
}
