/**
 * VC-API credential verification (`POST /credentials/verify`): a JSON-LD credential secured
 * with eddsa-rdfc-2022 or Ed25519Signature2020 proofs (sets and chains, co-signers allowed),
 * a compact VC-JWT, or a VC 2.0 `EnvelopedVerifiableCredential` carrying one.
 */
import jsigs from '@digitalcredentials/jsonld-signatures';
import * as vc from '@digitalcredentials/vc';
import { decodeProtectedHeader } from 'jose';
import { validateAchievementCredential } from '../credentials/credential-schema.js';
import { getBundledContext, type DocumentLoader } from '../credentials/document-loader.js';
import { checkIssuerBinding, checkIssuerKeys, checkStatusEntries, checkValidity, isOpenBadge, issuerIdOf, type CheckResult, type StatusChecker } from '../credentials/verification-checks.js';
import { dateInsideWindow } from '../credentials/verify-credential.js';
import { verifySubmittedCredential } from '../verification/verify-submitted.js';
import { checkProofStructure } from './proof-rules.js';
import { toVerificationResult, type CheckOutcome, type VcApiVerificationResult } from './verification-result.js';
import { verifyEveryProof, type ProofSetResult } from './verify-proofs.js';

/** Dependencies of the VC-API verifiers. */
export interface VcApiVerifierDeps {
  /** Bundled contexts, did:key, this instance's did:web and guarded remote did:web. */
  documentLoader: DocumentLoader;
  /** Reads `credentialStatus` entries (this instance's status lists). */
  checkStatus: StatusChecker;
  now: () => Date;
}

/** A compact JWS (three base64url segments). */
export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENVELOPED_JWT_PREFIX = 'data:application/vc+jwt,';

function typesOf(document: Record<string, unknown>): unknown[] {
  return Array.isArray(document.type) ? document.type : [document.type];
}

/** The VC-JWT inside an `EnvelopedVerifiableCredential`, if the object is one. */
function envelopedJwt(document: Record<string, unknown>): string | undefined {
  if (!typesOf(document).includes('EnvelopedVerifiableCredential') || typeof document.id !== 'string') return undefined;
  return document.id.startsWith(ENVELOPED_JWT_PREFIX) ? document.id.slice(ENVELOPED_JWT_PREFIX.length) : '';
}

function notACredential(detail: string): CheckOutcome[] {
  return [{ check: 'credential', ok: false, code: 'not_a_credential', detail }];
}

/**
 * A VC-JWT's checks (see verifyVcJwt), with `issuer` also requiring, as for Data Integrity
 * proofs, that the issuer's DID document lists the JWT's `kid` under `assertionMethod`.
 */
async function jwtOutcomes(deps: VcApiVerifierDeps, jwt: string): Promise<CheckOutcome[]> {
  if (!COMPACT_JWS.test(jwt)) return notACredential('the enveloped credential is not a compact VC-JWT');
  const result = await verifySubmittedCredential(deps, { kind: 'jwt', jwt });
  const issuer = result.checks.findIndex((c) => c.check === 'issuer' && c.ok);
  if (issuer === -1) return result.checks;
  // verifyVcJwt already parsed the header and tied the kid's DID to the issuer.
  const kid = String(decodeProtectedHeader(jwt).kid);
  const binding = await checkIssuerKeys({ issuerId: issuerIdOf(result.credential), methods: [kid], documentLoader: deps.documentLoader });
  return result.checks.map((check, i) => (i === issuer ? binding : check));
}

/**
 * `context`: every context URL is one the verifier bundles (contexts are never fetched, so an
 * unknown one could not be processed); embedded context objects are left to JSON-LD.
 */
export function checkContexts(document: Record<string, unknown>): CheckOutcome {
  const contexts = Array.isArray(document['@context']) ? document['@context'] : [document['@context']];
  const unknown = contexts.filter((c): c is string => typeof c === 'string' && getBundledContext(c) === undefined);
  if (unknown.length === 0) return { check: 'context', ok: true };
  return { check: 'context', ok: false, code: 'unknown_context', detail: `unknown context ${unknown.join(', ')} (contexts are never fetched)` };
}

/** `validity` for VC 2.0 (`validFrom`/`validUntil`) and VC 1.1 (`issuanceDate`/`expirationDate`). */
function validityOf(credential: Record<string, unknown>, now: Date): CheckResult {
  if (credential.issuanceDate === undefined && credential.expirationDate === undefined) return checkValidity(credential, now);
  const result = checkValidity({ validFrom: credential.issuanceDate, validUntil: credential.expirationDate }, now);
  return result.detail ? { ...result, detail: result.detail.replace('validFrom', 'issuanceDate').replace('validUntil', 'expirationDate') } : result;
}

async function signatureOutcomes(deps: VcApiVerifierDeps, credential: Record<string, unknown>, now: Date): Promise<CheckOutcome[]> {
  return verifyEveryProof(credential, async (document, suite) => {
    const result = await vc.verifyCredential({
      credential: document,
      suite,
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader: deps.documentLoader,
      // Status and dates are their own checks; keep the library from failing on them.
      checkStatus: async () => ({ verified: true }),
      now: dateInsideWindow(credential, now),
    });
    return result as unknown as ProofSetResult;
  });
}

/**
 * Every check of one credential (JSON-LD object or compact VC-JWT string): `credential`
 * (shape), `context` (bundled contexts only), `proof` (structure), `proof_chain`, `signature` (every proof), `issuer` (at least
 * one proof by an assertionMethod key of the issuer, which must resolve), `validity`,
 * `status` (when present) and `schema` (Open Badges). Never throws for bad input.
 */
export async function credentialOutcomes(deps: VcApiVerifierDeps, credential: unknown): Promise<CheckOutcome[]> {
  if (typeof credential === 'string') {
    return COMPACT_JWS.test(credential) ? jwtOutcomes(deps, credential) : notACredential('a credential string must be a compact VC-JWT');
  }
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) return notACredential('the credential is not a JSON object');
  const doc = credential as Record<string, unknown>;
  const jwt = envelopedJwt(doc);
  if (jwt !== undefined) return jwtOutcomes(deps, jwt);
  if (!('@context' in doc) || !typesOf(doc).includes('VerifiableCredential')) {
    return notACredential('the object has no @context or no VerifiableCredential type');
  }
  const context = checkContexts(doc);
  if (!context.ok) return [context];
  const structure = checkProofStructure(doc, 'assertionMethod');
  if (structure.some((o) => !o.ok)) return [context, ...structure];
  const now = deps.now();
  const outcomes: CheckOutcome[] = [
    context,
    ...structure,
    ...(await signatureOutcomes(deps, doc, now)),
    await checkIssuerBinding(doc, deps.documentLoader, { proofs: 'some' }),
    validityOf(doc, now),
  ];
  if (doc.credentialStatus !== undefined) outcomes.push(await checkStatusEntries(doc, deps.checkStatus));
  if (isOpenBadge(doc)) {
    const schema = validateAchievementCredential(doc);
    outcomes.push(schema.ok ? { check: 'schema', ok: true } : { check: 'schema', ok: false, detail: schema.errors.slice(0, 5).join('; ') });
  }
  return outcomes;
}

/** Verifies one credential and shapes the VC-API result (`verified` only when every check passed). */
export async function verifyCredentialRequest(deps: VcApiVerifierDeps, input: { credential: unknown }): Promise<VcApiVerificationResult> {
  return toVerificationResult(await credentialOutcomes(deps, input.credential));
}
