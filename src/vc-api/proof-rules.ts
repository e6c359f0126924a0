/**
 * Structural rules for a proof set before any cryptography: every proof names its type,
 * verification method and purpose, uses a supported suite with the expected purpose, carries
 * a base58btc multibase `proofValue`, proof ids are unique, and every `previousProof` points
 * at another proof of the set without cycles.
 */
import { CONTEXT_URLS } from '../credentials/document-loader.js';
import type { CheckOutcome } from './verification-result.js';

/** Proof types (and Data Integrity cryptosuites) this verifier accepts. */
export const SUPPORTED_PROOFS = { dataIntegrity: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', ed25519Signature2020: 'Ed25519Signature2020' } as const;

const MULTIBASE_BASE58BTC = /^z[1-9A-HJ-NP-Za-km-z]+$/;
/** More proofs than any real credential carries; each may name another host to resolve. */
export const MAX_PROOFS = 10;

/** The proofs of a secured document as an array (`[]` when `proof` is absent or null). */
export function proofsOf(document: Record<string, unknown>): unknown[] {
  const proof = document.proof;
  if (proof === undefined || proof === null) return [];
  return Array.isArray(proof) ? proof : [proof];
}

/** The `previousProof` ids of a proof (string or array form). */
export function previousProofIds(proof: Record<string, unknown>): unknown[] {
  const previous = proof.previousProof;
  if (previous === undefined) return [];
  return Array.isArray(previous) ? previous : [previous];
}

function hasContext(document: Record<string, unknown>, url: string): boolean {
  const context = document['@context'];
  return context === url || (Array.isArray(context) && context.includes(url));
}

function fail(code: string, proof: number, detail: string): CheckOutcome {
  return { check: 'proof', ok: false, code, proof, detail: `proof ${proof}: ${detail}` };
}

function proofProblems(document: Record<string, unknown>, proof: unknown, index: number, expectedPurpose: string): CheckOutcome[] {
  if (!proof || typeof proof !== 'object' || Array.isArray(proof)) return [fail('proof_malformed', index, 'is not a JSON object')];
  const p = proof as Record<string, unknown>;
  const vm = p.verificationMethod;
  const problems: CheckOutcome[] = [];
  if (typeof p.type !== 'string') problems.push(fail('proof_malformed', index, 'has no "type"'));
  if (typeof vm !== 'string' && !(vm && typeof vm === 'object' && typeof (vm as { id?: unknown }).id === 'string')) {
    problems.push(fail('proof_malformed', index, 'has no "verificationMethod"'));
  }
  if (typeof p.proofPurpose !== 'string') problems.push(fail('proof_malformed', index, 'has no "proofPurpose"'));
  else if (p.proofPurpose !== expectedPurpose) {
    problems.push(fail('wrong_proof_purpose', index, `proofPurpose is "${p.proofPurpose}", expected "${expectedPurpose}"`));
  }
  if (p.type === SUPPORTED_PROOFS.dataIntegrity) {
    if (p.cryptosuite !== SUPPORTED_PROOFS.cryptosuite) problems.push(fail('unsupported_cryptosuite', index, `cryptosuite ${JSON.stringify(p.cryptosuite ?? null)} is not supported (only eddsa-rdfc-2022)`));
  } else if (p.type === SUPPORTED_PROOFS.ed25519Signature2020) {
    if (!hasContext(document, CONTEXT_URLS.ed25519Signature2020)) problems.push(fail('proof_malformed', index, `an Ed25519Signature2020 proof needs the context ${CONTEXT_URLS.ed25519Signature2020}`));
  } else if (typeof p.type === 'string') {
    problems.push(fail('unsupported_proof_type', index, `proof type "${p.type}" is not supported (DataIntegrityProof/eddsa-rdfc-2022 or Ed25519Signature2020)`));
  }
  if (typeof p.proofValue !== 'string' || !MULTIBASE_BASE58BTC.test(p.proofValue)) {
    problems.push(fail('invalid_proof_value', index, p.proofValue === undefined ? 'has no "proofValue"' : '"proofValue" is not a base58btc multibase string'));
  }
  return problems;
}

/** Proof ids are unique in the set, so a `previousProof` names exactly one proof. */
function duplicateIdProblems(proofs: Record<string, unknown>[]): CheckOutcome[] {
  const firstIndex = new Map<unknown, number>();
  return proofs.flatMap((p, i) => {
    if (p.id === undefined) return [];
    const first = firstIndex.get(p.id);
    if (first === undefined) {
      firstIndex.set(p.id, i);
      return [];
    }
    return [fail('proof_malformed', i, `id ${JSON.stringify(p.id)} is also the id of proof ${first}`)];
  });
}

/** `previousProof` ids resolve to other proofs of the set and the references have no cycle. */
function chainProblems(proofs: Record<string, unknown>[]): CheckOutcome[] {
  const indexById = new Map<string, number>();
  proofs.forEach((p, i) => typeof p.id === 'string' && indexById.set(p.id, i));
  const problems: CheckOutcome[] = [];
  const edges = proofs.map((p, i) =>
    previousProofIds(p).flatMap((id) => {
      const target = typeof id === 'string' ? indexById.get(id) : undefined;
      if (target === undefined || target === i) {
        problems.push({ ...fail('broken_proof_chain', i, `previousProof ${JSON.stringify(id)} matches no other proof in the set`), check: 'proof_chain' });
        return [];
      }
      return [target];
    }),
  );
  const state = new Array<0 | 1 | 2>(proofs.length).fill(0);
  const cyclic = (i: number): boolean => {
    if (state[i] === 1) return true;
    if (state[i] === 2) return false;
    state[i] = 1;
    const found = edges[i]!.some(cyclic);
    state[i] = 2;
    return found;
  };
  const start = proofs.findIndex((_, i) => cyclic(i));
  if (start !== -1) problems.push({ ...fail('broken_proof_chain', start, 'previousProof references form a cycle'), check: 'proof_chain' });
  return problems;
}

/**
 * Checks the proof set of `document` without verifying signatures. Returns one failed
 * outcome per problem, or a single passing `proof` outcome (plus `proof_chain` when the set
 * chains proofs).
 */
export function checkProofStructure(document: Record<string, unknown>, expectedPurpose: string): CheckOutcome[] {
  if (document.proof === null) return [{ check: 'proof', ok: false, code: 'proof_missing', detail: '"proof" is null' }];
  const proofs = proofsOf(document);
  if (proofs.length === 0) return [{ check: 'proof', ok: false, code: 'proof_missing', detail: 'the document has no "proof"' }];
  if (proofs.length > MAX_PROOFS) return [{ check: 'proof', ok: false, code: 'too_many_proofs', detail: `${proofs.length} proofs; at most ${MAX_PROOFS} are verified` }];
  const problems = proofs.flatMap((proof, i) => proofProblems(document, proof, i, expectedPurpose));
  if (problems.length > 0) return problems;
  const objects = proofs as Record<string, unknown>[];
  const duplicates = duplicateIdProblems(objects);
  if (duplicates.length > 0) return duplicates;
  const chained = objects.some((p) => p.previousProof !== undefined);
  if (!chained) return [{ check: 'proof', ok: true }];
  const chain = chainProblems(objects);
  return chain.length > 0 ? chain : [{ check: 'proof', ok: true }, { check: 'proof_chain', ok: true }];
}
