/**
 * The VC-API verification result (`{verified, checks, warnings, errors}`), built from the
 * outcome of each check. Every failed check becomes one problem detail with a stable `code`,
 * the check that failed and, when it concerns one proof or one embedded credential, which.
 */
import { problemType } from '../errors.js';

/** One check's outcome, as the verifiers in this folder report them. */
export interface CheckOutcome {
  /** The check: `proof`, `signature`, `issuer`, `validity`, `status`, `schema`, `challenge`, ... */
  check: string;
  ok: boolean;
  /** Stable snake_case code of the failure (derived from `check` when absent). */
  code?: string;
  /** Why it failed (English). */
  detail?: string;
  /** Index of the proof in the proof set, when the check concerns one proof. */
  proof?: number;
  /** Index of the embedded credential (presentations). */
  credential?: number;
}

/** A failed check as an RFC 9457 problem detail, the form VC-API results use. */
export interface VerificationProblem {
  type: string;
  code: string;
  title: string;
  detail: string;
  check: string;
  proof?: number;
  credential?: number;
}

/** The body of a VC-API verify response. */
export interface VcApiVerificationResult {
  verified: boolean;
  /** The checks performed, in order. */
  checks: string[];
  warnings: VerificationProblem[];
  errors: VerificationProblem[];
}

const TITLES: Record<string, string> = {
  proof_missing: 'The credential has no proof',
  proof_malformed: 'A proof is malformed',
  too_many_proofs: 'Too many proofs',
  too_many_credentials: 'Too many credentials',
  unsupported_proof_type: 'Unsupported proof type',
  unsupported_cryptosuite: 'Unsupported cryptosuite',
  wrong_proof_purpose: 'Wrong proof purpose',
  invalid_proof_value: 'Invalid proof value',
  broken_proof_chain: 'Broken proof chain',
  invalid_signature: 'Invalid signature',
  issuer_not_resolvable: 'Issuer not resolvable',
  issuer_mismatch: 'Proof not made by the issuer',
  expired: 'Expired',
  not_yet_valid: 'Not yet valid',
  invalid_validity_period: 'Invalid validity period',
  revoked: 'Revoked',
  status_unverifiable: 'Status could not be checked',
  schema_invalid: 'Does not match the Open Badges schema',
  not_a_credential: 'Not a verifiable credential',
  unknown_context: 'Unknown JSON-LD context',
  not_a_presentation: 'Not a verifiable presentation',
  empty_presentation: 'Nothing to verify in the presentation',
  challenge_required: 'Challenge required',
  challenge_mismatch: 'Challenge does not match',
  holder_mismatch: 'Presentation not signed by its holder',
  domain_mismatch: 'Domain does not match',
};

/** A stable code for a failure the shared credential checks reported only as text. */
function codeOf(outcome: CheckOutcome): string {
  if (outcome.code) return outcome.code;
  const detail = outcome.detail ?? '';
  switch (outcome.check) {
    case 'issuer':
      return detail.includes('not resolvable') ? 'issuer_not_resolvable' : 'issuer_mismatch';
    case 'validity':
      return detail.startsWith('expired') ? 'expired' : detail.startsWith('not yet valid') ? 'not_yet_valid' : 'invalid_validity_period';
    case 'status':
      return detail.startsWith('status') ? 'status_unverifiable' : 'revoked';
    case 'schema':
      return 'schema_invalid';
    default:
      return 'invalid_signature';
  }
}

/** Problem detail of one failed check. */
export function problemOf(outcome: CheckOutcome): VerificationProblem {
  const code = codeOf(outcome);
  const title = TITLES[code] ?? 'Verification failed';
  return {
    type: problemType(code),
    code,
    title,
    detail: outcome.detail ?? title,
    check: outcome.check,
    ...(outcome.proof !== undefined ? { proof: outcome.proof } : {}),
    ...(outcome.credential !== undefined ? { credential: outcome.credential } : {}),
  };
}

/** The VC-API result for a list of check outcomes: verified only when every check passed. */
export function toVerificationResult(outcomes: CheckOutcome[]): VcApiVerificationResult {
  const failed = outcomes.filter((o) => !o.ok);
  return {
    verified: outcomes.length > 0 && failed.length === 0,
    checks: [...new Set(outcomes.map((o) => o.check))],
    warnings: [],
    errors: failed.map(problemOf),
  };
}
