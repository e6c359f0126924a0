/**
 * Cryptographic verification of every proof of a proof set or chain (eddsa-rdfc-2022 and
 * Ed25519Signature2020), proof by proof. jsonld-signatures accepts a set when *some* proof
 * verifies and hashes every proof over the document without any proof; here each proof is
 * verified on its own, and a proof with `previousProof` is verified, as VC Data Integrity
 * (§ Verify Proof Sets and Chains) requires, over the document *including the proofs it
 * names*. A proof chained to a failing proof fails too.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalcredentials/ed25519-signature-2020';
import { errorMessages } from '../credentials/verify-credential.js';
import { verifyingCryptosuite } from '../credentials/verifying-cryptosuite.js';
import { previousProofIds, proofsOf } from './proof-rules.js';
import type { CheckOutcome } from './verification-result.js';

/** What jsonld-signatures (and @digitalcredentials/vc) report for a proof set. */
export interface ProofSetResult {
  verified: boolean;
  results?: Array<{ proof: Record<string, unknown>; verified: boolean; error?: unknown; purposeResult?: { valid: boolean; error?: unknown } }>;
  error?: unknown;
}

/** Runs a library verification of `document` (which carries exactly one proof) with the given suites. */
export type ProofSetVerifier = (document: Record<string, unknown>, suites: object[]) => Promise<ProofSetResult>;

/** The part of a jsonld-signatures suite this module wraps. */
interface ProofVerifyingSuite {
  verifyProof(options: { document: Record<string, unknown> } & Record<string, unknown>): Promise<unknown>;
}

/**
 * Makes `suite` verify its proof over the document jsonld-signatures hands it (every proof
 * removed) with `previousProofs` put back as its `proof`: the input document of a chained proof.
 */
function chainedTo<T extends object>(suite: T, previousProofs: Record<string, unknown>[]): T {
  const verifying = suite as T & ProofVerifyingSuite;
  const verifyProof = verifying.verifyProof.bind(suite);
  verifying.verifyProof = (options) => verifyProof({ ...options, document: { ...options.document, proof: previousProofs } });
  return verifying;
}

/**
 * The suites one proof is verified with (new instances: suites keep per-call hash caches).
 * With `previousProofs` (a chained proof), the suites hash the document including them.
 */
export function verificationSuites(previousProofs: Record<string, unknown>[] = []): object[] {
  const suites = [new DataIntegrityProof({ cryptosuite: verifyingCryptosuite }), new Ed25519Signature2020()];
  return previousProofs.length === 0 ? suites : suites.map((suite) => chainedTo(suite, previousProofs));
}

/** The proofs `proof` names in `previousProof` (the structure check made sure they exist and are unique). */
function previousProofsOf(proof: Record<string, unknown>, proofs: Record<string, unknown>[]): Record<string, unknown>[] {
  const ids = previousProofIds(proof);
  return proofs.filter((p) => ids.includes(p.id));
}

/** Why one proof did not verify, or `undefined` when it did (signature and purpose). */
async function proofFailure(document: Record<string, unknown>, proof: Record<string, unknown>, proofs: Record<string, unknown>[], verify: ProofSetVerifier): Promise<string | undefined> {
  let result: ProofSetResult;
  try {
    result = await verify({ ...document, proof }, verificationSuites(previousProofsOf(proof, proofs)));
  } catch (error) {
    result = { verified: false, error };
  }
  const own = result.results?.length === 1 ? result.results[0] : undefined;
  if (result.verified && own?.verified && own.purposeResult?.valid !== false) return undefined;
  const error = own ? (own.error ?? own.purposeResult?.error ?? result.error) : result.error;
  return error ? errorMessages(error) : 'no suite verified this proof';
}

/** The proof's verification method id (proofs may embed the method as an object). */
function methodIdOf(proof: Record<string, unknown>): string {
  const vm = proof.verificationMethod;
  return String(vm && typeof vm === 'object' ? (vm as { id?: unknown }).id : vm);
}

function chainFailures(proofs: Record<string, unknown>[], failed: Set<number>): CheckOutcome[] {
  const indexById = new Map(proofs.map((p, i) => [p.id, i] as const));
  return proofs.flatMap((proof, i) =>
    previousProofIds(proof)
      .filter((id) => failed.has(indexById.get(id) ?? -1))
      .map((id) => ({ check: 'proof_chain', ok: false, code: 'broken_proof_chain', proof: i, detail: `proof ${i}: previousProof ${String(id)} does not verify` })),
  );
}

/**
 * Verifies every proof of `document` (already checked by checkProofStructure) on its own:
 * `verify` runs once per proof, on the document carrying only that proof. Returns one
 * `signature` outcome per failed proof (plus `proof_chain` for proofs chained to one), or a
 * single passing outcome.
 */
export async function verifyEveryProof(document: Record<string, unknown>, verify: ProofSetVerifier): Promise<CheckOutcome[]> {
  const proofs = proofsOf(document) as Record<string, unknown>[];
  const reasons = await Promise.all(proofs.map((proof) => proofFailure(document, proof, proofs, verify)));
  const failed = new Set<number>();
  const failures: CheckOutcome[] = [];
  reasons.forEach((reason, i) => {
    if (reason === undefined) return;
    failed.add(i);
    failures.push({ check: 'signature', ok: false, code: 'invalid_signature', proof: i, detail: `proof ${i} (${methodIdOf(proofs[i]!)}): ${reason}` });
  });
  if (failures.length === 0) return [{ check: 'signature', ok: true }];
  return [...failures, ...chainFailures(proofs, failed)];
}
