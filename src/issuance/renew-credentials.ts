import { createHash } from 'node:crypto';
import type { CertificateRecord } from '../db/certificates-repository.js';
import { certificatesExpiringBy, replaceWithRenewedVersion } from '../db/credential-versions-repository.js';
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

/** Credentials are renewed from this many days before their validity ends. */
export const RENEWAL_WINDOW_DAYS = 30;

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
 * Renews credentials whose validity ends within {@link RENEWAL_WINDOW_DAYS} (or has ended) while
 * the holder's recent usage is Current: a new signed version of the same certificate number,
 * valid for another `validityMonths`, linking the previous version by URL and SRI digest.
 * Fading, Lapsed or unmeasured ones are left to expire. Safe to run repeatedly or concurrently.
 */
export async function renewCredentials(deps: IssuanceDeps): Promise<RenewalReport> {
  const now = deps.now();
  const horizon = new Date(now.getTime() + RENEWAL_WINDOW_DAYS * 86_400_000).toISOString();
  const report: RenewalReport = { checked: 0, renewed: [], notRenewed: [] };
  for (const certificate of certificatesExpiringBy(deps.db, horizon)) {
    report.checked++;
    const reason = await renewOne(deps, certificate, now);
    if (reason === 'renewed') report.renewed.push(certificate.number);
    else report.notRenewed.push({ number: certificate.number, reason });
  }
  return report;
}

async function renewOne(deps: IssuanceDeps, certificate: CertificateRecord, now: Date): Promise<string> {
  const tenant = findTenantById(deps.db, certificate.tenantId)!;
  const course = findCourse(deps.db, tenant.id, certificate.courseId);
  if (!course?.validityMonths) return 'course_does_not_expire';
  if (!course.usage) return 'usage_not_measured';
  const usage = learnerUsage(deps.db, { tenantId: tenant.id, learnerId: certificate.learnerId, courseId: course.id });
  const { state } = assessUsage({ activeDays: usage.days, now, halfLifeDays: course.usage.halfLifeDays });
  if (state !== 'current') return `usage_${state}`;

  const { issuerId, key } = loadIssuingKey(deps.db, { tenant, publicUrl: deps.publicUrl, masterKey: deps.masterKey });
  const issuer = { ...buildIssuerProfile(deps.publicUrl, tenant), id: issuerId };
  const learner = findLearner(deps.db, tenant.id, certificate.learnerId);
  const previousEnd = Math.max(Date.parse(certificate.validUntil!), now.getTime());
  const nextVersion = certificate.version + 1;
  const credential = {
    ...composeAchievementCredential({
      publicUrl: deps.publicUrl,
      tenant,
      issuer,
      course,
      number: certificate.number,
      learner: { id: certificate.learnerId, name: certificate.learnerName, email: learner?.email ?? undefined },
      validity: { from: toSeconds(now.toISOString()), until: toSeconds(addMonths(new Date(previousEnd).toISOString(), course.validityMonths)) },
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
