/**
 * Verifies a Data Integrity–signed credential and reports each check separately
 * (signature, issuer, validity, status, schema), never throwing on bad input.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import jsigs from '@digitalcredentials/jsonld-signatures';
import * as vc from '@digitalcredentials/vc';
import { validateAchievementCredential } from './credential-schema.js';
import type { DocumentLoader } from './document-loader.js';
import { verifyingCryptosuite } from './verifying-cryptosuite.js';
import { checkIssuerBinding, checkStatusEntries, checkValidity, isOpenBadge, type CheckResult, type StatusChecker, type VerificationResult } from './verification-checks.js';

export type { CheckName, CheckResult, StatusCheckResult, StatusChecker, VerificationResult } from './verification-checks.js';

/** Options of {@link verifyCredential}. */
export interface VerifyCredentialOptions {
  /** The signed credential (parsed JSON). */
  credential: unknown;
  /** A closed loader that resolves the issuer's DID (see createDocumentLoader). */
  documentLoader: DocumentLoader;
  /** The verifier's clock. */
  now: Date;
  /** Looks up a `credentialStatus` entry (e.g. in Credence's own status lists). */
  checkStatus?: StatusChecker;
}

/** A readable message for the libraries' errors, which nest (`errors`) or come as arrays. */
export function errorMessages(error: unknown): string {
  if (Array.isArray(error)) return error.map(errorMessages).join('; ');
  if (!error || typeof error !== 'object') return String(error);
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length) return nested.map(errorMessages).join('; ');
  return (error as { message?: string }).message ?? String(error);
}

/**
 * A date inside the credential's validity window (`validFrom`/`validUntil`, or VC 1.1's
 * `issuanceDate`/`expirationDate`), so the vc library's own date check passes: dates are
 * reported by their own check.
 */
export function dateInsideWindow(credential: Record<string, unknown>, now: Date): Date {
  const start = credential.validFrom ?? credential.issuanceDate;
  const end = credential.validUntil ?? credential.expirationDate;
  const from = typeof start === 'string' ? Date.parse(start) : NaN;
  const until = typeof end === 'string' ? Date.parse(end) : NaN;
  if (!Number.isNaN(from) && now.getTime() < from) return new Date(from);
  if (!Number.isNaN(until) && now.getTime() > until) return new Date(Number.isNaN(from) ? until : from);
  return now;
}

async function checkSignature(credential: Record<string, unknown>, documentLoader: DocumentLoader, now: Date): Promise<CheckResult> {
  const proofs = credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  if (proofs.length === 0) return { check: 'signature', ok: false, detail: 'credential has no proof' };
  try {
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite: verifyingCryptosuite }),
      // Only cryptography and the key's assertionMethod authorisation here; the issuer binding
      // is its own check, so that a mismatch is reported as `issuer`, not `signature`.
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader,
      // Status and dates are separate checks; keep the library from failing on them.
      checkStatus: async () => ({ verified: true }),
      now: dateInsideWindow(credential, now),
    });
    // jsonld-signatures accepts a proof set when *some* proof verifies; we require all of them,
    // so a credential never carries an extra proof nobody checked.
    const results = result.results ?? [];
    if (result.verified && results.length === proofs.length && results.every((r) => r.verified)) return { check: 'signature', ok: true };
    if (result.verified) return { check: 'signature', ok: false, detail: 'not every proof is a valid eddsa-rdfc-2022 proof' };
    const error = result.error ?? result.results?.find((r) => !r.verified)?.error;
    return { check: 'signature', ok: false, detail: error ? errorMessages(error) : 'signature not verified' };
  } catch (error) {
    return { check: 'signature', ok: false, detail: errorMessages(error) };
  }
}

/**
 * Verifies a credential signed with an `eddsa-rdfc-2022` Data Integrity proof.
 * Checks: `signature` (cryptographic, via @digitalcredentials/vc; fails on any change to the
 * signed data or a wrong key), `issuer` (proof key belongs to the issuer DID, which resolves),
 * `validity` (validFrom ≤ now < validUntil), `status` (only when `credentialStatus` is present;
 * fails without `checkStatus`) and `schema` (OB 3.0 AchievementCredential JSON Schema, for
 * Open Badge credentials). `verified` is true only when every check passed.
 */
export async function verifyCredential(options: VerifyCredentialOptions): Promise<VerificationResult> {
  const { credential, documentLoader, now, checkStatus } = options;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  if (typeof documentLoader !== 'function') throw new TypeError('documentLoader must be a function');
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
    return { verified: false, checks: [{ check: 'signature', ok: false, detail: 'credential must be a JSON object' }] };
  }
  const doc = credential as Record<string, unknown>;
  const checks: CheckResult[] = [
    await checkSignature(doc, documentLoader, now),
    await checkIssuerBinding(doc, documentLoader),
    checkValidity(doc, now),
  ];
  if (doc.credentialStatus !== undefined) checks.push(await checkStatusEntries(doc, checkStatus));
  if (isOpenBadge(doc)) {
    const schema = validateAchievementCredential(doc);
    checks.push(schema.ok ? { check: 'schema', ok: true } : { check: 'schema', ok: false, detail: schema.errors.slice(0, 5).join('; ') });
  }
  return { verified: checks.every((c) => c.ok), checks };
}
