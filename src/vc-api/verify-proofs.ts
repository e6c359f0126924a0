/**
 * Cryptographic verification of every proof of a proof set or chain (eddsa-rdfc-2022 and
 * Ed25519Signature2020), reported per proof. jsonld-signatures accepts a set when *some*
 * proof verifies; here every proof must verify against its own verification method, and a
 * proof chained to a failing proof fails too.
 */
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalcredentials/ed25519-signature-2020';
import { publicKeyJwk } from '../credentials/issuer-keys.js';
import { templatedCryptosuite } from '../credentials/sign-data-integrity.js';
import { errorMessages } from '../credentials/verify-credential.js';
import { BoundedCache } from '../verification/bounded-cache.js';
import { previousProofIds, proofsOf } from './proof-rules.js';
import type { CheckOutcome } from './verification-result.js';

/** What jsonld-signatures (and @digitalcredentials/vc) report for a proof set. */
export interface ProofSetResult {
  verified: boolean;
  results?: Array<{ proof: Record<string, unknown>; verified: boolean; error?: unknown; purposeResult?: { valid: boolean; error?: unknown } }>;
  error?: unknown;
}

/** Runs a library verification of the document with the given suites. */
export type ProofSetVerifier = (suites: object[]) => Promise<ProofSetResult>;

/** Public keys as node:crypto objects: importing one costs more than the verification itself. */
const publicKeys = new BoundedCache<KeyObject>(1000);

function publicKeyObject(publicKeyMultibase: string): KeyObject {
  let key = publicKeys.get(publicKeyMultibase);
  if (!key) {
    key = createPublicKey({ key: publicKeyJwk(publicKeyMultibase), format: 'jwk' });
    publicKeys.set(publicKeyMultibase, key);
  }
  return key;
}

/**
 * eddsa-rdfc-2022 with template expansion (identical canonical N-Quads, much faster) and, for
 * Multikey verification methods, node:crypto verification with cached key objects.
 */
const verifyingCryptosuite = {
  ...templatedCryptosuite,
  async createVerifier(options: { verificationMethod: object }): Promise<object> {
    const method = options.verificationMethod as { id?: unknown; type?: unknown; publicKeyMultibase?: unknown };
    if (method.type !== 'Multikey' || typeof method.publicKeyMultibase !== 'string') return templatedCryptosuite.createVerifier(options);
    const key = publicKeyObject(method.publicKeyMultibase);
    return {
      id: method.id,
      algorithm: 'Ed25519',
      verify: async ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) => cryptoVerify(null, data, key, signature),
    };
  },
};

/** The suites every verification uses (new instances: suites keep per-call hash caches). */
export function verificationSuites(): object[] {
  return [new DataIntegrityProof({ cryptosuite: verifyingCryptosuite }), new Ed25519Signature2020()];
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
 * Verifies every proof of `document` (already checked by checkProofStructure) with `verify`
 * and returns one `signature` outcome per failed proof, or a single passing outcome.
 */
export async function verifyEveryProof(document: Record<string, unknown>, verify: ProofSetVerifier): Promise<CheckOutcome[]> {
  const proofs = proofsOf(document) as Record<string, unknown>[];
  let result: ProofSetResult;
  try {
    result = await verify(verificationSuites());
  } catch (error) {
    result = { verified: false, error };
  }
  const results = result.results ?? [];
  const failures: CheckOutcome[] = [];
  const failed = new Set<number>();
  proofs.forEach((proof, i) => {
    const own = results.find((r) => r.proof && r.proof.proofValue === proof.proofValue && r.proof.verificationMethod === proof.verificationMethod);
    if (own?.verified && own.purposeResult?.valid !== false) return;
    const error = own ? (own.error ?? own.purposeResult?.error) : result.error;
    const reason = error ? errorMessages(error) : 'no suite verified this proof';
    failed.add(i);
    failures.push({ check: 'signature', ok: false, code: 'invalid_signature', proof: i, detail: `proof ${i} (${String(proof.verificationMethod)}): ${reason}` });
  });
  if (failures.length === 0) return [{ check: 'signature', ok: true }];
  return [...failures, ...chainFailures(proofs, failed)];
}
