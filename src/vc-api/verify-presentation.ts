/**
 * VC-API presentation verification (`POST /presentations/verify`): every embedded credential
 * is verified like `POST /credentials/verify`; a signed presentation must also carry valid
 * eddsa-rdfc-2022 (or Ed25519Signature2020) `authentication` proofs bound to the verifier's
 * challenge (and domain, when given), made by the holder when the presentation names one.
 */
import jsigs from '@digitalcredentials/jsonld-signatures';
import { controllerOf } from '../credentials/verification-checks.js';
import { checkProofStructure, proofsOf } from './proof-rules.js';
import { checkContexts, credentialOutcomes, type VcApiVerifierDeps } from './verify-credential-request.js';
import { toVerificationResult, type CheckOutcome, type VcApiVerificationResult } from './verification-result.js';
import { verifyEveryProof } from './verify-proofs.js';

/** Input of {@link verifyPresentationRequest}. */
export interface VerifyPresentationInput {
  presentation: unknown;
  /** The challenge the verifier issued; required when the presentation is signed. */
  challenge?: string;
  /** The verifier's domain; when given, every proof must name it. */
  domain?: string;
}

/** More credentials than a presentation needs; each may name other hosts to resolve. */
export const MAX_PRESENTED_CREDENTIALS = 50;

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
}

function bindingOutcomes(proofs: Record<string, unknown>[], input: VerifyPresentationInput): CheckOutcome[] {
  const { challenge, domain } = input;
  if (challenge === undefined) {
    return [{ check: 'challenge', ok: false, code: 'challenge_required', detail: 'a signed presentation is verified against options.challenge; none was given' }];
  }
  const outcomes: CheckOutcome[] = [];
  proofs.forEach((proof, i) => {
    if (proof.challenge !== challenge) outcomes.push({ check: 'challenge', ok: false, code: 'challenge_mismatch', proof: i, detail: `proof ${i}: challenge ${JSON.stringify(proof.challenge ?? null)} is not the expected one` });
    const domains = Array.isArray(proof.domain) ? proof.domain : [proof.domain];
    if (domain !== undefined && !domains.includes(domain)) outcomes.push({ check: 'domain', ok: false, code: 'domain_mismatch', proof: i, detail: `proof ${i}: domain ${JSON.stringify(proof.domain ?? null)} is not ${JSON.stringify(domain)}` });
  });
  if (outcomes.length > 0) return outcomes;
  return domain === undefined ? [{ check: 'challenge', ok: true }] : [{ check: 'challenge', ok: true }, { check: 'domain', ok: true }];
}

function holderOutcome(presentation: Record<string, unknown>, proofs: Record<string, unknown>[]): CheckOutcome[] {
  const holder = idOf(presentation.holder);
  if (holder === undefined) return [];
  const byHolder = proofs.some((p) => controllerOf(idOf(p.verificationMethod) ?? '') === holder);
  return [byHolder ? { check: 'holder', ok: true } : { check: 'holder', ok: false, code: 'holder_mismatch', detail: `no proof is made with a key of holder ${holder}` }];
}

async function proofOutcomes(deps: VcApiVerifierDeps, presentation: Record<string, unknown>, input: VerifyPresentationInput): Promise<CheckOutcome[]> {
  if (presentation.proof === undefined) {
    if (input.challenge === undefined) return [];
    return [{ check: 'challenge', ok: false, code: 'challenge_mismatch', detail: 'a challenge was given but the presentation is not signed' }];
  }
  const structure = checkProofStructure(presentation, 'authentication');
  if (structure.some((o) => !o.ok)) return structure;
  const proofs = proofsOf(presentation) as Record<string, unknown>[];
  const binding = bindingOutcomes(proofs, input);
  if (binding.some((o) => !o.ok)) return [...structure, ...binding];
  const purpose = new jsigs.purposes.AuthenticationProofPurpose({ challenge: input.challenge!, domain: input.domain });
  const signature = await verifyEveryProof(presentation, (document, suite) => jsigs.verify(document, { suite, purpose, documentLoader: deps.documentLoader }));
  return [...structure, ...binding, ...signature, ...holderOutcome(presentation, proofs)];
}

/**
 * Verifies a presentation: its shape, its proofs when signed (see module doc) and each
 * embedded credential (outcomes carry the credential's index). A presentation with neither a
 * credential nor a proof fails (`empty_presentation`). Never throws for bad input.
 */
export async function verifyPresentationRequest(deps: VcApiVerifierDeps, input: VerifyPresentationInput): Promise<VcApiVerificationResult> {
  const vp = input.presentation;
  const types = vp && typeof vp === 'object' ? (vp as { type?: unknown }).type : undefined;
  if (!vp || typeof vp !== 'object' || Array.isArray(vp) || !('@context' in vp) || !(Array.isArray(types) ? types : [types]).includes('VerifiablePresentation')) {
    return toVerificationResult([{ check: 'presentation', ok: false, code: 'not_a_presentation', detail: 'the object has no @context or no VerifiablePresentation type' }]);
  }
  const presentation = vp as Record<string, unknown>;
  const context = checkContexts(presentation);
  if (!context.ok) return toVerificationResult([context]);
  const embedded = presentation.verifiableCredential;
  const credentials = embedded === undefined ? [] : Array.isArray(embedded) ? embedded : [embedded];
  if (credentials.length === 0 && presentation.proof === undefined) {
    return toVerificationResult([{ check: 'presentation', ok: false, code: 'empty_presentation', detail: 'the presentation carries no credential and no proof: there is nothing to verify' }]);
  }
  if (credentials.length > MAX_PRESENTED_CREDENTIALS) {
    return toVerificationResult([{ check: 'presentation', ok: false, code: 'too_many_credentials', detail: `${credentials.length} credentials; at most ${MAX_PRESENTED_CREDENTIALS} are verified` }]);
  }
  const perCredential = await Promise.all(credentials.map((credential) => credentialOutcomes(deps, credential)));
  const outcomes: CheckOutcome[] = [
    { check: 'presentation', ok: true },
    context,
    ...(await proofOutcomes(deps, presentation, input)),
    ...perCredential.flatMap((list, index) => list.map((o) => ({ ...o, credential: index }))),
  ];
  return toVerificationResult(outcomes);
}
