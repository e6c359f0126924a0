import type { Course } from '../db/courses-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { buildAchievementCredential, type AchievementCredential } from '../credentials/build-achievement-credential.js';
import type { IssuerProfile } from '../credentials/issuer-profile.js';
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

/**
 * The unsigned Open Badges 3.0 credential for one certificate: valid from the completion, until
 * `validityMonths` later when the course expires, with a revocation status entry and the
 * learner identified by a salted email hash (or learner id when no email is known).
 */
export function composeAchievementCredential(options: {
  publicUrl: string;
  tenant: Pick<Tenant, 'slug'>;
  issuer: IssuerProfile;
  course: Course;
  number: string;
  learner: { id: string; name: string; email?: string };
  completedAt: string;
  slot: StatusSlot;
}): AchievementCredential {
  const { publicUrl, tenant, issuer, course, number, learner, completedAt, slot } = options;
  const validFrom = completedAt.replace(/\.\d{3}Z$/, 'Z');
  return buildAchievementCredential({
    id: certificateLinks(publicUrl, number).credential,
    issuer: { id: issuer.id, name: issuer.name, url: issuer.url, image: issuer.image?.id },
    validFrom,
    validUntil: course.validityMonths ? addMonths(validFrom, course.validityMonths).replace(/\.\d{3}Z$/, 'Z') : undefined,
    subject: { name: learner.name, email: learner.email, learnerId: learner.id },
    achievement: {
      id: `${publicUrl}/issuers/${tenant.slug}/achievements/${encodeURIComponent(course.id)}`,
      name: course.name.en,
      description: course.description.en,
      criteriaNarrative: course.criteria.en,
      image: course.image ?? undefined,
    },
    credentialStatus: { statusListIndex: slot.index, statusListCredential: statusListUrl(publicUrl, tenant.slug, slot.listId) },
  });
}
