import { decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { BakedCredentialTooLargeError, InvalidPngError, isPng, unbakePng } from '../credentials/bake-png.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import { publicKeyJwk } from '../credentials/issuer-keys.js';
import { verifyVcJwt } from '../credentials/sign-jwt.js';
import type { CheckResult, StatusChecker } from '../credentials/verification-checks.js';
import { verifyCredential } from '../credentials/verify-credential.js';
import { AppError } from '../errors.js';

/** What someone submitted to the public verifier. */
export type SubmittedCredential =
  | { kind: 'json'; credential: unknown }
  | { kind: 'jwt'; jwt: string }
  | { kind: 'png'; png: Buffer };

/** The public verifier's answer. */
export interface SubmittedVerification {
  verified: boolean;
  format: 'json-ld' | 'vc-jwt';
  checks: CheckResult[];
  credential: { id?: unknown; issuer?: unknown; name?: unknown; validFrom?: unknown; validUntil?: unknown };
}

/** Dependencies of the public verifier. */
export interface VerifySubmittedDeps {
  documentLoader: DocumentLoader;
  checkStatus: StatusChecker;
  now: () => Date;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function summary(credential: Record<string, unknown> | undefined): SubmittedVerification['credential'] {
  if (!credential) return {};
  const { id, issuer, name, validFrom, validUntil } = credential;
  return { id, issuer, name, validFrom, validUntil };
}

function assertCredentialShape(value: unknown): asserts value is Record<string, unknown> {
  const types = value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  const list = Array.isArray(types) ? types : [types];
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('@context' in value) || !list.includes('VerifiableCredential')) {
    throw new AppError('not_a_credential', 400, 'The JSON is not a verifiable credential (no @context or VerifiableCredential type).', {
      field: 'body',
    });
  }
}

/** Resolves a JWT `kid` (a DID URL) to a public JWK through the closed document loader. */
function jwkResolver(documentLoader: DocumentLoader) {
  return async (kid: string): Promise<JWK | null> => {
    try {
      const { document } = await documentLoader(kid);
      const method = document as { publicKeyJwk?: JWK; publicKeyMultibase?: string };
      if (method.publicKeyJwk) return method.publicKeyJwk;
      return method.publicKeyMultibase ? publicKeyJwk(method.publicKeyMultibase) : null;
    } catch {
      return null;
    }
  };
}

/** Takes the credential out of a baked PNG: JSON-LD or a compact JWT. */
function fromPng(png: Buffer): Exclude<SubmittedCredential, { kind: 'png' }> {
  if (!isPng(png)) throw new AppError('invalid_png', 400, 'The upload is not a PNG image.', { field: 'body' });
  let text: string | null;
  try {
    text = unbakePng(png);
  } catch (error) {
    if (error instanceof InvalidPngError) throw new AppError('invalid_png', 400, `The PNG is malformed: ${error.message}`, { field: 'body' });
    if (error instanceof BakedCredentialTooLargeError) {
      throw new AppError('payload_too_large', 413, 'The credential baked into the PNG is larger than 1 MB uncompressed.', { field: 'body' });
    }
    throw error;
  }
  if (text === null) throw new AppError('no_baked_credential', 400, 'The PNG carries no baked Open Badges credential.', { field: 'body' });
  const trimmed = text.trim();
  if (COMPACT_JWS.test(trimmed)) return { kind: 'jwt', jwt: trimmed };
  try {
    return { kind: 'json', credential: JSON.parse(trimmed) };
  } catch {
    throw new AppError('no_baked_credential', 400, 'The baked credential is neither JSON nor a compact JWT.', { field: 'body' });
  }
}

/** Whether a compact JWS's header and payload decode to JSON objects (garbage such as `abc.def.ghi` does not). */
function hasJsonParts(jwt: string): boolean {
  try {
    decodeProtectedHeader(jwt);
    decodeJwt(jwt);
    return true;
  } catch {
    return false;
  }
}

/**
 * Verifies a credential submitted as JSON-LD, as a VC-JWT or baked into a PNG. Credentials of
 * this instance's issuers and did:key issuers verify fully offline; other issuers get a failed
 * `issuer` check saying they are not resolvable, never an error.
 */
export async function verifySubmittedCredential(deps: VerifySubmittedDeps, input: SubmittedCredential): Promise<SubmittedVerification> {
  const submitted = input.kind === 'png' ? fromPng(input.png) : input;
  const now = deps.now();
  if (submitted.kind === 'jwt') {
    if (!COMPACT_JWS.test(submitted.jwt.trim()) || !hasJsonParts(submitted.jwt.trim())) {
      throw new AppError('not_a_credential', 400, 'The text is not a compact JWT (header and payload must be base64url JSON objects).', { field: 'body' });
    }
    const result = await verifyVcJwt({ jwt: submitted.jwt.trim(), resolveJwk: jwkResolver(deps.documentLoader), now, checkStatus: deps.checkStatus });
    return { verified: result.verified, format: 'vc-jwt', checks: result.checks, credential: summary(result.credential) };
  }
  const credential = submitted.credential;
  assertCredentialShape(credential);
  const result = await verifyCredential({ credential, documentLoader: deps.documentLoader, now, checkStatus: deps.checkStatus });
  return { verified: result.verified, format: 'json-ld', checks: result.checks, credential: summary(credential) };
}
