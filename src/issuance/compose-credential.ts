import type { Course } from '../db/courses-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { buildAchievementCredential, type AchievementCredential } from '../credentials/build-achievement-credential.js';
import { toDateTimeStamp } from '../credentials/date-time.js';
import type { IssuerProfile } from '../credentials/issuer-profile.js';
import { achievementImageUrl, achievementUrl } from './achievement-links.js';
import { certificateLinks } from './certificate-links.js';
import type { StatusSlot } from './allocate-status-slot.js';
import { statusListUrl } from './publish-status-list.js';

/** Adds whole calendar months to an instant (clamping to the month's last day, as people expect). */
export function addMonths(iso: string, months: number): string {
  const date = new Date(iso);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString();
}

/** A whole-second ISO timestamp (`2026-11-02T10:00:00Z`), as credentials carry. */
export function toSeconds(iso: string): string {
  return toDateTimeStamp(new Date(iso), 'date');
}

/** The validity of a first issue: from the completion, `validityMonths` on when the course expires. */
export function initialValidity(course: Pick<Course, 'validityMonths'>, completedAt: string): { from: string; until?: string } {
  const from = toSeconds(completedAt);
  return { from, until: course.validityMonths ? toSeconds(addMonths(from, course.validityMonths)) : undefined };
}

/**
 * The unsigned Open Badges 3.0 credential for one certificate, with a revocation status entry
 * and the learner identified by a salted email hash (or learner id when no email is known).
 * `id` defaults to the certificate's credential URL (renewed versions get their own).
 */
export function composeAchievementCredential(options: {
  publicUrl: string;
  tenant: Pick<Tenant, 'slug'>;
  issuer: IssuerProfile;
  course: Course;
  number: string;
  learner: { id: string; name: string; email?: string };
  validity: { from: string; until?: string };
  slot: StatusSlot;
  id?: string;
}): AchievementCredential {
  const { publicUrl, tenant, issuer, course, number, learner, validity, slot } = options;
  return buildAchievementCredential({
    id: options.id ?? certificateLinks(publicUrl, number).credential,
    issuer: { id: issuer.id, name: issuer.name, url: issuer.url, image: issuer.image?.id },
    validFrom: validity.from,
    validUntil: validity.until,
    subject: { name: learner.name, email: learner.email, learnerId: learner.id },
    achievement: {
      id: achievementUrl(publicUrl, tenant.slug, course.id),
      name: course.name.en,
      description: course.description.en,
      criteriaNarrative: course.criteria.en,
      image: course.image ?? achievementImageUrl(publicUrl, tenant.slug, course.id),
    },
    credentialStatus: { statusListIndex: slot.index, statusListCredential: statusListUrl(publicUrl, tenant.slug, slot.listId, issuer.id) },
  });
}
