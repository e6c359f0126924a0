import type { CredentialSigner, SigningKeyMaterial } from '../credentials/credential-signer.js';
import { toDateTimeStamp } from '../credentials/date-time.js';
import { CONTEXT_URLS } from '../credentials/document-loader.js';
import type { IssuerProfile } from '../credentials/issuer-profile.js';
import { sha256Hex } from '../security/hashes.js';
import type { UsageAssessment } from './decay.js';
import { usageContextUrl } from './usage-context.js';
import { MS_PER_DAY } from '../calendar.js';

/** How long a usage attestation stays valid after it was computed. */
export const ATTESTATION_VALIDITY_DAYS = 7;

/** An unsigned or signed usage attestation credential. */
export type UsageAttestation = Record<string, unknown>;

const seconds = (date: Date) => toDateTimeStamp(date, 'date');

/**
 * Builds the issuer's statement about a badge's recent-usage evidence: a verifiable credential
 * whose subject is the badge credential, carrying state, score, last active date and the
 * computation time, valid for seven days. No activity data is included.
 */
export function buildUsageAttestation(options: {
  publicUrl: string;
  issuer: IssuerProfile;
  badgeCredentialId: string;
  assessment: UsageAssessment;
  computedAt: Date;
}): UsageAttestation {
  const { assessment, computedAt } = options;
  const validUntil = new Date(computedAt.getTime() + ATTESTATION_VALIDITY_DAYS * MS_PER_DAY);
  const digest = sha256Hex(`${options.badgeCredentialId}|${seconds(computedAt)}`);
  return {
    '@context': [CONTEXT_URLS.credentialsV2, usageContextUrl(options.publicUrl)],
    id: `urn:uuid:${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`,
    type: ['VerifiableCredential', 'UsageAttestation'],
    issuer: { id: options.issuer.id, name: options.issuer.name },
    validFrom: seconds(computedAt),
    validUntil: seconds(validUntil),
    credentialSubject: {
      id: options.badgeCredentialId,
      type: 'RecentUsage',
      usageState: assessment.state,
      usageScore: assessment.score,
      ...(assessment.lastActiveDate ? { lastActiveDate: assessment.lastActiveDate } : {}),
      halfLifeDays: assessment.halfLifeDays,
      computedAt: seconds(computedAt),
    },
  };
}

/** Signs a usage attestation with the tenant's active key (eddsa-rdfc-2022, like the badge). */
export function signUsageAttestation(signer: CredentialSigner, attestation: UsageAttestation, key: SigningKeyMaterial, now: Date) {
  return signer.signCredential({ credential: attestation, key, created: now });
}
