import { z } from 'zod';

/** Codes a failed verification check can carry (`errors[].code` of a VC-API verification result). */
export const VERIFICATION_FAILURE_CODES = [
  'proof_missing',
  'proof_malformed',
  'unsupported_proof_type',
  'unsupported_cryptosuite',
  'wrong_proof_purpose',
  'invalid_proof_value',
  'broken_proof_chain',
  'invalid_signature',
  'issuer_not_resolvable',
  'issuer_mismatch',
  'expired',
  'not_yet_valid',
  'invalid_validity_period',
  'revoked',
  'status_unverifiable',
  'schema_invalid',
  'not_a_credential',
  'not_a_presentation',
  'empty_presentation',
  'challenge_required',
  'challenge_mismatch',
  'holder_mismatch',
  'domain_mismatch',
] as const;

const verificationProblem = z.object({
  type: z.string(),
  code: z.string().meta({ description: `Stable code of the failed check: ${VERIFICATION_FAILURE_CODES.map((c) => `\`${c}\``).join(', ')}.` }),
  title: z.string(),
  detail: z.string(),
  check: z.string().meta({ description: 'The check that failed: `proof`, `signature`, `issuer`, `validity`, `status`, `schema`, `challenge`, …' }),
  proof: z.number().int().optional().meta({ description: 'Index of the proof in the proof set, when the failure concerns one proof.' }),
  credential: z.number().int().optional().meta({ description: 'Index of the embedded credential (presentations).' }),
});

/** The body of a VC-API verify response, verified or not. */
export const vcApiVerificationResult = z
  .object({
    verified: z.boolean(),
    checks: z.array(z.string()).meta({ description: 'The checks performed, in order.' }),
    warnings: z.array(verificationProblem),
    errors: z.array(verificationProblem).meta({ description: 'One problem detail per failed check; empty when verified.' }),
  })
  .meta({ id: 'VerificationResult' });
