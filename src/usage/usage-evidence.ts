import type { Db } from '../db/client.js';
import type { CertificateRecord } from '../db/certificates-repository.js';
import { findCourseUsageRule } from '../db/courses-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { learnerUsage } from '../db/usage-repository.js';
import { usageSourceNames } from '../db/usage-sources-repository.js';
import type { CredentialSigner } from '../credentials/credential-signer.js';
import { buildIssuerProfile } from '../credentials/issuer-profile.js';
import { certificateLinks } from '../issuance/certificate-links.js';
import { loadActiveSigningKey } from '../issuance/tenant-signing-key.js';
import { approximateJsonBytes, BoundedCache } from '../verification/bounded-cache.js';
import { assessUsage, type UsageState } from './decay.js';
import { buildUsageAttestation, signUsageAttestation, type UsageAttestation } from './usage-attestation.js';

/** The recent-usage evidence shown on a badge's verify page. */
export interface UsageEvidence {
  state: UsageState;
  score: number;
  lastActiveDate: string | null;
  daysSinceLastUse: number | null;
  activeWeeksLast12: boolean[];
  halfLifeDays: number;
  computedAt: string;
  sources: string[];
  attestation: UsageAttestation;
}

/** Dependencies of usage evidence. */
export interface UsageEvidenceDeps {
  db: Db;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
  /** Signed evidence per certificate, UTC day and outcome, so unchanged evidence is signed once a day. */
  evidenceCache: BoundedCache<UsageEvidence>;
}

/**
 * Creates the per-day evidence cache: at most `capacity` entries weighing together at most
 * `maxBytes` (a signed attestation makes an entry a few kilobytes, varying with its sources).
 */
export function createEvidenceCache(capacity = 20_000, maxBytes = 16 * 1024 * 1024): BoundedCache<UsageEvidence> {
  return new BoundedCache(capacity, { maxBytes, sizeOf: (evidence, key) => approximateJsonBytes(evidence) + 2 * key.length });
}

/** Why evidence is not shown: the course measures no usage, or the learner or tenant hid it. */
export type NoEvidenceReason = 'not_measured' | 'hidden';

/**
 * Computes a certificate's recent-usage evidence with the decay model and attaches an
 * issuer-signed attestation. The (cheap) model runs on every call so new usage shows at once;
 * the signed attestation is reused for the rest of the UTC day while the outcome is unchanged.
 */
export async function usageEvidence(
  deps: UsageEvidenceDeps,
  options: { tenant: Tenant; certificate: Pick<CertificateRecord, 'number' | 'courseId' | 'learnerId' | 'usageHidden'> },
): Promise<UsageEvidence | NoEvidenceReason> {
  const { tenant, certificate } = options;
  if (!tenant.usagePublic || certificate.usageHidden) return 'hidden';
  const rule = findCourseUsageRule(deps.db, tenant.id, certificate.courseId);
  if (!rule) return 'not_measured';
  const now = deps.now();
  const usage = learnerUsage(deps.db, { tenantId: tenant.id, learnerId: certificate.learnerId, courseId: certificate.courseId });
  const assessment = assessUsage({ activeDays: usage.days, now, halfLifeDays: rule.halfLifeDays });
  const outcome = [assessment.state, assessment.score, assessment.lastActiveDate, assessment.halfLifeDays, usage.sourceIds.join()];
  const cacheKey = `${certificate.number}|${now.toISOString().slice(0, 10)}|${outcome.join('|')}`;
  const cached = deps.evidenceCache.get(cacheKey);
  if (cached) return { ...cached, activeWeeksLast12: assessment.activeWeeksLast12, daysSinceLastUse: assessment.daysSinceLastUse };

  const issuer = buildIssuerProfile(deps.publicUrl, tenant);
  const key = loadActiveSigningKey(deps.db, { tenantId: tenant.id, issuerDid: issuer.id, masterKey: deps.masterKey });
  const unsigned = buildUsageAttestation({
    publicUrl: deps.publicUrl,
    issuer,
    badgeCredentialId: certificateLinks(deps.publicUrl, certificate.number).credential,
    assessment,
    computedAt: now,
  });
  const evidence: UsageEvidence = {
    state: assessment.state,
    score: assessment.score,
    lastActiveDate: assessment.lastActiveDate,
    daysSinceLastUse: assessment.daysSinceLastUse,
    activeWeeksLast12: assessment.activeWeeksLast12,
    halfLifeDays: assessment.halfLifeDays,
    computedAt: now.toISOString(),
    sources: usageSourceNames(deps.db, tenant.id, usage.sourceIds),
    attestation: await signUsageAttestation(deps.signer, unsigned, key, now),
  };
  deps.evidenceCache.set(cacheKey, evidence);
  return evidence;
}
