/**
 * VC-JWT (W3C VC-JOSE-COSE for VC Data Model 2.0): the unsecured credential is the JWT
 * payload, signed with EdDSA (Ed25519) in a compact JWS with `typ: vc+jwt`.
 */
import { createPublicKey, sign as cryptoSign } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { validateAchievementCredential } from './credential-schema.js';
import { ed25519PrivateKeyObject } from './ed25519-signer.js';
import {
  checkStatusEntries, checkValidity, controllerOf, isOpenBadge, issuerIdOf,
  type CheckResult, type StatusChecker, type VerificationResult,
} from './verification-checks.js';

/** Options of {@link signVcJwt}. */
export interface SignVcJwtOptions {
  /** The unsigned credential (no `proof`). */
  credential: object;
  /** Key id for the JWS header: the verification method URL, e.g. `did:web:...#key-1`. */
  kid: string;
  secretKeyMultibase: string;
  publicKeyMultibase: string;
}

const seconds = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
};

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Signs a credential as a compact VC-JWT: header `{ alg: EdDSA, typ: vc+jwt, kid }`, payload
 * the credential plus the registered claims `iss` (issuer id), `jti` (credential id), `nbf`
 * (validFrom) and `exp` (validUntil) so generic JWT libraries enforce the same window.
 * The JWS (RFC 7515 compact serialisation) is assembled here and signed with node:crypto in one
 * synchronous call: jose's signer goes through WebCrypto's asynchronous jobs, which cost about
 * three times as much per token. Ed25519 is deterministic, so the bytes are the ones jose makes.
 * @throws TypeError for a credential with a proof or without an issuer, or bad key material.
 */
export async function signVcJwt(options: SignVcJwtOptions): Promise<string> {
  const { credential, kid, secretKeyMultibase, publicKeyMultibase } = options;
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) throw new TypeError('credential must be an object');
  const doc = credential as Record<string, unknown>;
  if ('proof' in doc) throw new TypeError('a VC-JWT secures an unsigned credential: remove "proof"');
  if (typeof kid !== 'string' || !kid.includes('#')) throw new TypeError('kid must be a verification method URL (did:...#key)');
  const issuer = issuerIdOf(doc);
  if (!issuer) throw new TypeError('credential has no issuer id');
  const key = ed25519PrivateKeyObject({ publicKeyMultibase, secretKeyMultibase });
  const claims: Record<string, unknown> = { ...doc, iss: issuer };
  if (typeof doc.id === 'string') claims.jti = doc.id;
  const nbf = seconds(doc.validFrom);
  const exp = seconds(doc.validUntil);
  if (nbf !== undefined) claims.nbf = nbf;
  if (exp !== undefined) claims.exp = exp;
  const signingInput = `${base64url(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid }))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${cryptoSign(null, Buffer.from(signingInput, 'utf8'), key).toString('base64url')}`;
}

/** The payload of a compact JWS as a JSON object, without checking its signature; undefined if it is not one. */
function unverifiedPayload(jwt: string): Record<string, unknown> | undefined {
  try {
    return decodeJwt(jwt);
  } catch {
    return undefined;
  }
}

/** Options of {@link verifyVcJwt}. */
export interface VerifyVcJwtOptions {
  jwt: string;
  /** Resolves a `kid` to the issuer's public JWK (e.g. from the tenant's keys); null if unknown. */
  resolveJwk: (kid: string) => Promise<JWK | null> | JWK | null;
  /** The verifier's clock. */
  now: Date;
  checkStatus?: StatusChecker;
}

/** {@link VerificationResult} plus the decoded credential when the JWS could be parsed. */
export interface VcJwtVerificationResult extends VerificationResult {
  credential?: Record<string, unknown>;
}

function jwtValidity(payload: Record<string, unknown>, now: Date): CheckResult {
  const base = checkValidity(payload, now);
  if (!base.ok) return base;
  const t = now.getTime() / 1000;
  if (typeof payload.nbf === 'number' && t < payload.nbf) return { check: 'validity', ok: false, detail: 'not yet valid (nbf)' };
  if (typeof payload.exp === 'number' && t >= payload.exp) return { check: 'validity', ok: false, detail: 'expired (exp)' };
  return base;
}

/**
 * Verifies a compact VC-JWT (EdDSA only) with the same checks as verifyCredential:
 * `signature`, `issuer` (the kid's DID is the credential's issuer and `iss`), `validity`
 * (validFrom/validUntil and nbf/exp), `status` (when present) and `schema` (Open Badges).
 * A token whose signature fails still gets the other checks on its decoded payload (as a Data
 * Integrity credential does); only an unreadable header, key or payload ends at `signature`.
 * Never throws for bad tokens.
 */
export async function verifyVcJwt(options: VerifyVcJwtOptions): Promise<VcJwtVerificationResult> {
  const { jwt, resolveJwk, now, checkStatus } = options;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  if (typeof resolveJwk !== 'function') throw new TypeError('resolveJwk must be a function');
  const fail = (detail: string): VcJwtVerificationResult => ({ verified: false, checks: [{ check: 'signature', ok: false, detail }] });
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(String(jwt));
    if (header.alg !== 'EdDSA') return fail(`unsupported alg ${String(header.alg)}`);
    if (header.typ !== 'vc+jwt') return fail(`unexpected typ ${String(header.typ)}`);
    kid = header.kid;
  } catch {
    return fail('not a compact JWS');
  }
  if (!kid) return fail('JWS header has no kid');
  let jwk: JWK | null;
  try {
    jwk = await resolveJwk(kid);
  } catch {
    jwk = null;
  }
  if (!jwk) {
    return { verified: false, checks: [{ check: 'signature', ok: false, detail: `key ${kid} not resolvable` }, { check: 'issuer', ok: false, detail: 'issuer not resolvable' }] };
  }
  let signature: CheckResult;
  let payload: Record<string, unknown> | undefined;
  try {
    // Only the public members: a resolver that hands back a private JWK must not change the outcome.
    const { kty, crv, x } = jwk;
    if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') return fail(`key ${kid} is not an Ed25519 JWK`);
    const key = createPublicKey({ key: { kty, crv, x }, format: 'jwk' });
    const { payload: bytes } = await compactVerify(jwt, key, { algorithms: ['EdDSA'] });
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('payload is not a JSON object');
    signature = { check: 'signature', ok: true };
    payload = parsed as Record<string, unknown>;
  } catch (error) {
    // As for Data Integrity proofs, the other checks still run on the (unverified) credential, so
    // a verifier sees everything that is wrong with it, not only the signature.
    signature = { check: 'signature', ok: false, detail: error instanceof Error ? error.message : 'signature verification failed' };
    payload = unverifiedPayload(String(jwt));
    if (!payload) return { verified: false, checks: [signature] };
  }
  const checks: CheckResult[] = [signature];
  const issuer = issuerIdOf(payload);
  if (!issuer) checks.push({ check: 'issuer', ok: false, detail: 'credential has no issuer id' });
  else if (controllerOf(kid) !== issuer) checks.push({ check: 'issuer', ok: false, detail: `key ${kid} does not belong to issuer ${issuer}` });
  else if (payload.iss !== undefined && payload.iss !== issuer) checks.push({ check: 'issuer', ok: false, detail: 'iss does not match issuer' });
  else checks.push({ check: 'issuer', ok: true });
  checks.push(jwtValidity(payload, now));
  if (payload.credentialStatus !== undefined) checks.push(await checkStatusEntries(payload, checkStatus));
  if (isOpenBadge(payload)) {
    const schema = validateAchievementCredential(payload);
    checks.push(schema.ok ? { check: 'schema', ok: true } : { check: 'schema', ok: false, detail: schema.errors.slice(0, 5).join('; ') });
  }
  return { verified: checks.every((c) => c.ok), checks, credential: payload };
}
