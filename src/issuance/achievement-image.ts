import type { Db } from '../db/client.js';
import { findRecentCourse } from '../db/courses-repository.js';
import { renderBadgePng } from '../images/render-badge-png.js';
import { IMAGE_RENDER_VERSION } from '../images/image-version.js';
import { sha256Hex } from '../security/hashes.js';
import { cachedTenantBySlug, cachedTenantWithFingerprint } from '../tenants/tenant-cache.js';
import { BoundedCache } from '../verification/bounded-cache.js';

/** A rendered achievement image and its entity tag. */
export interface AchievementImage {
  bytes: Buffer;
  etag: string;
}

/** Renderings by tenant, course, course name, branding and renderer version (at most 16 MB). */
const rendered = new BoundedCache<AchievementImage>(1000, { maxBytes: 16 * 1024 * 1024, sizeOf: (image) => image.bytes.length });

/**
 * The course's badge artwork (course name, issuer name and brand colour, as on each learner's
 * badge, without a baked credential) for `GET /issuers/:slug/achievements/:courseId/image.png`.
 * Deterministic, so renderings are cached. Undefined for an unknown issuer or course.
 */
export async function achievementImage(deps: { db: Db }, options: { tenantSlug: string; courseId: string }): Promise<AchievementImage | undefined> {
  const tenantId = cachedTenantBySlug(deps.db, options.tenantSlug)?.id;
  const branded = tenantId === undefined ? undefined : cachedTenantWithFingerprint(deps.db, tenantId);
  const course = branded && findRecentCourse(deps.db, branded.tenant.id, options.courseId);
  if (!branded || !course) return undefined;
  const { tenant, fingerprint } = branded;
  const key = JSON.stringify([tenant.id, course.id, course.name.en, fingerprint, IMAGE_RENDER_VERSION]);
  const cached = rendered.get(key);
  if (cached) return cached;
  const bytes = await renderBadgePng({
    courseName: course.name.en,
    issuerName: tenant.branding.displayName ?? tenant.name,
    primaryColor: tenant.branding.primaryColor,
    language: 'en',
  });
  const image = { bytes, etag: `"${sha256Hex(bytes).slice(0, 32)}"` };
  rendered.set(key, image);
  return image;
}
