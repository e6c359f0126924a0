import type { Db } from '../db/client.js';
import { findCredentialByNumber, type CertificateRecord } from '../db/certificates-repository.js';
import { findRecentCourse } from '../db/courses-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { findRecentActiveSigningKey } from '../db/signing-keys-repository.js';
import { learnerUsage } from '../db/usage-repository.js';
import type { UsageLogStore } from './usage-log-store.js';
import { usageSourceNames } from '../db/usage-sources-repository.js';
import type { CredentialSigner } from '../credentials/credential-signer.js';
import { buildIssuerProfile } from '../credentials/issuer-profile.js';
import { issuerIdOf } from '../credentials/verification-checks.js';
import { certificateLinks } from '../issuance/certificate-links.js';
import { loadIssuingKey, type ActiveSigningKey } from '../issuance/tenant-signing-key.js';
import { didKeyOf } from '../vc-api/issuer-identifiers.js';
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
  /** Ingested days not yet folded into the database are read from here. */
  usageLog: Pick<UsageLogStore, 'pending'>;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
  /**
   * Signed evidence per certificate version, UTC day and outcome, so unchanged evidence is signed
   * once a day. The version fixes the badge's issuer, which the attestation names.
   */
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
 * The identifier a usage attestation is issued by and the key that signs it: the issuer of the
 * badge it attests to, so a verifier that requires both to have one issuer accepts the pair.
 * Both of a tenant's identifiers name the same Ed25519 key (see `tenantIssuerIds`), so which one
 * the tenant issues new badges as (`issuerIdentifier`) plays no part here:
 * - a badge issued by the tenant's `did:web` (e.g. before the tenant switched to `did:key`) gets
 *   an attestation by that `did:web`, signed with the active key (`did:web:…#key-N`; the DID
 *   document lists retired keys too, so rotations never break it);
 * - a badge issued by the `did:key` of the active key gets one by that `did:key`
 *   (`did:key:z6Mk…#z6Mk…`);
 * - a badge issued by the `did:key` of a since retired key gets one by the tenant's `did:web`:
 *   a retired key never signs again, and that `did:key` names nothing else. The `did:web`
 *   document lists the old `did:key` in `alsoKnownAs`, which ties the two issuers together.
 */
export function loadAttestingKey(
  db: Db,
  options: { tenant: Tenant; publicUrl: string; masterKey: Buffer; badgeIssuerId: string | undefined },
): { issuerId: string; key: ActiveSigningKey } {
  const { tenant } = options;
  const record = findRecentActiveSigningKey(db, tenant.id);
  const asDidKey = record !== undefined && options.badgeIssuerId === didKeyOf(record.publicKeyMultibase);
  return loadIssuingKey(db, { tenant, publicUrl: options.publicUrl, masterKey: options.masterKey, as: asDidKey ? 'did:key' : 'did:web', record });
}

/**
 * Computes a certificate's recent-usage evidence with the decay model and attaches an
 * attestation signed by the badge's own issuer (see {@link loadAttestingKey}). The (cheap) model
 * runs on every call so new usage shows at once; the signed attestation is reused for the rest of
 * the UTC day while the outcome and the credential version are unchanged.
 */
export async function usageEvidence(
  deps: UsageEvidenceDeps,
  options: { tenant: Tenant; certificate: Pick<CertificateRecord, 'number' | 'version' | 'courseId' | 'learnerId' | 'usageHidden'> },
): Promise<UsageEvidence | NoEvidenceReason> {
  const { tenant, certificate } = options;
  if (!tenant.usagePublic || certificate.usageHidden) return 'hidden';
  // Through the one-second course cache that issuance reads too: a point read less per verification.
  const rule = findRecentCourse(deps.db, tenant.id, certificate.courseId)?.usage;
  if (!rule) return 'not_measured';
  const now = deps.now();
  const learnerCourse = { tenantId: tenant.id, learnerId: certificate.learnerId, courseId: certificate.courseId };
  const usage = learnerUsage(deps.db, learnerCourse, deps.usageLog.pending.daysOf(learnerCourse));
  const assessment = assessUsage({ activeDays: usage.days, now, halfLifeDays: rule.halfLifeDays });
  const outcome = [assessment.state, assessment.score, assessment.lastActiveDate, assessment.halfLifeDays, usage.sourceIds.join()];
  // A stored credential version never changes, so neither does the issuer the attestation names;
  // a renewal (possibly under another identifier) is a new version and gets a new attestation.
  const cacheKey = (version: number) => `${certificate.number}@${version}|${now.toISOString().slice(0, 10)}|${outcome.join('|')}`;
  const cached = deps.evidenceCache.get(cacheKey(certificate.version));
  if (cached) return { ...cached, activeWeeksLast12: assessment.activeWeeksLast12, daysSinceLastUse: assessment.daysSinceLastUse };

  const stored = findCredentialByNumber(deps.db, certificate.number);
  if (!stored) throw new TypeError(`certificate ${certificate.number} has no stored credential`);
  const badgeIssuerId = issuerIdOf(JSON.parse(stored.credentialJson) as Record<string, unknown>);
  const { issuerId, key } = loadAttestingKey(deps.db, { tenant, publicUrl: deps.publicUrl, masterKey: deps.masterKey, badgeIssuerId });
  const unsigned = buildUsageAttestation({
    publicUrl: deps.publicUrl,
    issuer: { ...buildIssuerProfile(deps.publicUrl, tenant), id: issuerId },
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
  // Keyed by the version read (a renewal by another process may land between the two reads).
  deps.evidenceCache.set(cacheKey(stored.version), evidence);
  return evidence;
}
