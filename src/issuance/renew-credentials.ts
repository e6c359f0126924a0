import { createHash } from 'node:crypto';
import type { CertificateRecord } from '../db/certificates-repository.js';
import { certificatesDueForRenewal, replaceWithRenewedVersion } from '../db/credential-versions-repository.js';
import { findCourse } from '../db/courses-repository.js';
import { findLearner } from '../db/learners-repository.js';
import { findTenantById } from '../db/tenants-repository.js';
import { learnerUsage } from '../db/usage-repository.js';
import { buildIssuerProfile } from '../credentials/issuer-profile.js';
import { assessUsage } from '../usage/decay.js';
import { certificateLinks } from './certificate-links.js';
import { addMonths, composeAchievementCredential, toSeconds } from './compose-credential.js';
import type { IssuanceDeps } from './issue-certificate.js';
import { loadIssuingKey } from './tenant-signing-key.js';
import type { UsageLogStore } from '../usage/usage-log-store.js';
import { MS_PER_DAY } from '../calendar.js';

/**
 * Credentials are considered for renewal from this many days before their validity ends, so a
 * holder whose usage is Current never shows an expired badge and verifiers see continuous
 * validity. Renewing early costs the holder nothing: the new version's validity is added to the
 * old end, not to the day of renewal. Usage is judged on each daily run in the window, so a
 * holder who becomes Current at any point before the end is still renewed.
 */
export const RENEWAL_WINDOW_DAYS = 30;

/**
 * A credential whose validity ended at most this many days ago is still renewed (judged on usage
 * at its end, continuing from its end): this covers daily runs missed while the server was down,
 * e.g. over a long weekend or a holiday week. One that ended earlier stays expired for good, and
 * later runs no longer look at it: the learner would have to complete the course again.
 */
export const RENEWAL_GRACE_DAYS = 7;

/** What renewal needs: issuance's dependencies and the usage not yet folded into the database. */
export type RenewalDeps = IssuanceDeps & { usageLog: Pick<UsageLogStore, 'pending'> };

/** What a renewal run did. */
export interface RenewalReport {
  checked: number;
  renewed: string[];
  /** Candidates left to expire, with why (usage not current, no usage rule, ...). */
  notRenewed: Array<{ number: string; reason: string }>;
}

/** The URL of one version of a certificate's credential. */
export function credentialVersionUrl(publicUrl: string, number: string, version: number): string {
  return `${certificateLinks(publicUrl, number).credential}/versions/${version}`;
}

/**
 * Renews credentials whose validity ends within the next {@link RENEWAL_WINDOW_DAYS} or ended
 * within the last {@link RENEWAL_GRACE_DAYS}, when the holder's recent usage is Current: a new
 * signed version of the same certificate number, valid for another `validityMonths` counted from
 * the previous version's `validUntil` (so there is neither a gap nor lost time), linking the
 * previous version by URL and SRI digest. Usage is judged now, or at the old `validUntil` when
 * that has already passed (a missed run renews exactly what a run on time would have); the new
 * version is valid from now, or from the old `validUntil` when renewed late, so versions join up.
 * Fading, Lapsed or unmeasured ones are left to expire; credentials that ended before the grace
 * period are not looked at. Safe to run repeatedly or concurrently.
 */
export async function renewCredentials(deps: RenewalDeps): Promise<RenewalReport> {
  const now = deps.now();
  const from = new Date(now.getTime() - RENEWAL_GRACE_DAYS * MS_PER_DAY);
  const to = new Date(now.getTime() + RENEWAL_WINDOW_DAYS * MS_PER_DAY);
  const report: RenewalReport = { checked: 0, renewed: [], notRenewed: [] };
  for (const certificate of certificatesDueForRenewal(deps.db, { from, to })) {
    report.checked++;
    const reason = await renewOne(deps, certificate, now);
    if (reason === 'renewed') report.renewed.push(certificate.number);
    else report.notRenewed.push({ number: certificate.number, reason });
  }
  return report;
}

async function renewOne(deps: RenewalDeps, certificate: CertificateRecord, now: Date): Promise<string> {
  const tenant = findTenantById(deps.db, certificate.tenantId)!;
  const course = findCourse(deps.db, tenant.id, certificate.courseId);
  if (!course?.validityMonths) return 'course_does_not_expire';
  if (!course.usage) return 'usage_not_measured';
  // The previous version's end: the new validity continues from it. Inside the grace period
  // (already ended) the renewal is made as of that end, so a late run decides as one on time.
  const previousEnd = certificate.validUntil!;
  const asOf = new Date(Math.min(Date.parse(previousEnd), now.getTime()));
  const learnerCourse = { tenantId: tenant.id, learnerId: certificate.learnerId, courseId: course.id };
  const usage = learnerUsage(deps.db, learnerCourse, deps.usageLog.pending.daysOf(learnerCourse));
  const { state } = assessUsage({ activeDays: usage.days, now: asOf, halfLifeDays: course.usage.halfLifeDays });
  if (state !== 'current') return `usage_${state}`;

  const { issuerId, key } = loadIssuingKey(deps.db, { tenant, publicUrl: deps.publicUrl, masterKey: deps.masterKey });
  const issuer = { ...buildIssuerProfile(deps.publicUrl, tenant), id: issuerId };
  const learner = findLearner(deps.db, tenant.id, certificate.learnerId);
  const nextVersion = certificate.version + 1;
  const credential = {
    ...composeAchievementCredential({
      publicUrl: deps.publicUrl,
      tenant,
      issuer,
      course,
      number: certificate.number,
      learner: { id: certificate.learnerId, name: certificate.learnerName, email: learner?.email ?? undefined },
      validity: { from: toSeconds(asOf.toISOString()), until: toSeconds(addMonths(previousEnd, course.validityMonths)) },
      slot: { listId: certificate.statusListId, index: certificate.statusIndex },
      id: credentialVersionUrl(deps.publicUrl, certificate.number, nextVersion),
    }),
    relatedResource: [
      {
        id: credentialVersionUrl(deps.publicUrl, certificate.number, certificate.version),
        digestSRI: `sha384-${createHash('sha384').update(certificate.credentialJson).digest('base64')}`,
      },
    ],
  };
  const { credentialJson, jwt } = await deps.signer.signForIssuance({ credential, key, created: now });
  const replaced = replaceWithRenewedVersion(deps.db, {
    current: certificate,
    renewed: { credentialJson, credentialJwt: jwt, validUntil: credential.validUntil!, signingKeyId: key.keyId },
    at: now.toISOString(),
  });
  return replaced ? 'renewed' : 'changed_concurrently';
}
