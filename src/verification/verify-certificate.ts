import type { Db } from '../db/client.js';
import { findCertificateSummary, findCredentialByNumber, type CertificateSummary } from '../db/certificates-repository.js';
import type { LocalizedText } from '../db/schema.js';
import type { Tenant } from '../db/tenants-repository.js';
import { cachedTenant } from '../tenants/tenant-cache.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import { verifyCredential } from '../credentials/verify-credential.js';
import { checkStatusEntries, checkValidity, issuerIdOf, type CheckResult, type StatusChecker } from '../credentials/verification-checks.js';
import { certificateStatus, type CertificateStatus } from '../issuance/certificate-status.js';
import { BoundedCache } from './bounded-cache.js';

/** Everything the verify page and its JSON show about one certificate. */
export interface CertificateVerification {
  number: string;
  status: CertificateStatus;
  learnerName: string;
  learnerLocale: string | null;
  courseId: string;
  courseName: LocalizedText;
  issuerName: string;
  issuerSlug: string;
  issuedAt: string;
  completedAt: string;
  validUntil: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  checks: CheckResult[];
  /** The certificate row without its credential (read it with `findCredentialByNumber`). */
  certificate: CertificateSummary;
  tenant: Tenant;
}

/** Dependencies of certificate verification. */
export interface VerifyCertificateDeps {
  db: Db;
  now: () => Date;
  documentLoader: DocumentLoader;
  checkStatus: StatusChecker;
  /** Per certificate version: the time-independent checks and the fields the others need. */
  staticChecks: BoundedCache<StaticVerification>;
}

/** What never changes for a stored credential version: signature, issuer and schema results,
 * and the dates, status entry and issuer id that the per-request checks read (so no re-parsing). */
export interface StaticVerification {
  checks: readonly CheckResult[];
  timeFields: { validFrom?: unknown; validUntil?: unknown; credentialStatus?: unknown; issuer?: string | undefined };
}

const TIME_INDEPENDENT = new Set(['signature', 'issuer', 'schema']);

/** The time-independent checks all passed: one frozen array shared by every entry that says so. */
const ALL_PASSED: readonly CheckResult[] = Object.freeze(
  [...TIME_INDEPENDENT].map((check) => Object.freeze({ check, ok: true }) as CheckResult),
);

/** The time-independent checks of a verification, as the cache keeps them. */
function staticChecksOf(checks: CheckResult[]): readonly CheckResult[] {
  const kept = checks.filter((c) => TIME_INDEPENDENT.has(c.check));
  const allPassed =
    kept.length === ALL_PASSED.length &&
    ALL_PASSED.every(({ check }) => kept.some((c) => c.check === check && c.ok && Object.keys(c).length === 2));
  return allPassed ? ALL_PASSED : kept;
}

/**
 * Creates the cache `verifyCertificate` keeps its signature results in. An entry weighs about
 * 600 bytes (the status entry and dates of one credential), so the default holds about 15 MB.
 */
export function createStaticCheckCache(capacity = 25_000): BoundedCache<StaticVerification> {
  return new BoundedCache(capacity);
}

/**
 * Verifies a stored certificate's credential for the public verify page. The signature, issuer
 * and schema checks are computed once per certificate (a stored credential never changes); the
 * status and validity checks run on every call so revocation and expiry show at once.
 * Returns undefined for an unknown number.
 */
export async function verifyCertificate(deps: VerifyCertificateDeps, number: string): Promise<CertificateVerification | undefined> {
  const certificate = findCertificateSummary(deps.db, number);
  if (!certificate) return undefined;
  const tenant = cachedTenant(deps.db, certificate.tenantId)!;
  const now = deps.now();
  // Renewal replaces the credential under the same number: cache per version.
  const cacheKey = `${number}@${certificate.version}`;
  const cached = deps.staticChecks.get(cacheKey);
  let checks: CheckResult[];
  if (cached) {
    const { timeFields } = cached;
    checks = [...cached.checks, checkValidity(timeFields, now), await checkStatusEntries(timeFields, deps.checkStatus)];
  } else {
    const stored = findCredentialByNumber(deps.db, number)!;
    const credential = JSON.parse(stored.credentialJson) as Record<string, unknown>;
    checks = (await verifyCredential({ credential, documentLoader: deps.documentLoader, now, checkStatus: deps.checkStatus })).checks;
    const { validFrom, validUntil, credentialStatus } = credential;
    // Keyed by the version verified (a renewal by another process may land between the two reads).
    const timeFields = { validFrom, validUntil, credentialStatus, issuer: issuerIdOf(credential) };
    deps.staticChecks.set(`${number}@${stored.version}`, { checks: staticChecksOf(checks), timeFields });
  }
  return {
    number,
    status: certificateStatus(certificate, now),
    learnerName: certificate.learnerName,
    learnerLocale: certificate.learnerLocale,
    courseId: certificate.courseId,
    courseName: certificate.courseName,
    issuerName: tenant.branding.displayName ?? tenant.name,
    issuerSlug: tenant.slug,
    issuedAt: certificate.issuedAt,
    completedAt: certificate.completedAt,
    validUntil: certificate.validUntil,
    revokedAt: certificate.revokedAt,
    revocationReason: certificate.revocationReason,
    checks: orderChecks(checks),
    certificate,
    tenant,
  };
}

const ORDER = ['signature', 'issuer', 'status', 'validity', 'schema'];

function orderChecks(checks: CheckResult[]): CheckResult[] {
  return [...checks].sort((a, b) => ORDER.indexOf(a.check) - ORDER.indexOf(b.check));
}
