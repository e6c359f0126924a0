import type { Db } from '../db/client.js';
import { findRecentCourse } from '../db/courses-repository.js';
import { notFound } from '../errors.js';
import { IMAGE_RENDER_VERSION } from '../images/image-version.js';
import { sha256Hex } from '../security/hashes.js';
import { renderCourseBadge } from './badge-image.js';
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
 * It shows the course and issuer as they are now, as the issuer profile's image is the issuer's
 * current logo: after a rename the artwork follows, while each signed credential keeps the name
 * it was issued with (the authoritative one). Deterministic, so renderings are cached.
 * @throws AppError 404 `issuer_not_found` or `course_not_found` (another issuer's course included).
 */
export async function achievementImage(deps: { db: Db }, options: { tenantSlug: string; courseId: string }): Promise<AchievementImage> {
  const tenantId = cachedTenantBySlug(deps.db, options.tenantSlug)?.id;
  const branded = tenantId === undefined ? undefined : cachedTenantWithFingerprint(deps.db, tenantId);
  if (!branded) throw notFound('issuer_not_found', 'No issuer with this name.');
  const course = findRecentCourse(deps.db, branded.tenant.id, options.courseId);
  if (!course) throw notFound('course_not_found', 'No course with this id at this issuer.');
  const { tenant, fingerprint } = branded;
  const key = JSON.stringify([tenant.id, course.id, course.name.en, fingerprint, IMAGE_RENDER_VERSION]);
  const cached = rendered.get(key);
  if (cached) return cached;
  const bytes = await renderCourseBadge(tenant, course.name.en);
  const image = { bytes, etag: `"${sha256Hex(bytes).slice(0, 32)}"` };
  rendered.set(key, image);
  return image;
}
