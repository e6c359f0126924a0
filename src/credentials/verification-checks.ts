/**
 * The individual checks shared by Data Integrity and VC-JWT verification, and the result shape.
 */
import type { DocumentLoader } from './document-loader.js';

/** Names of the checks, in the order they are reported. */
export type CheckName = 'signature' | 'issuer' | 'validity' | 'status' | 'schema';

/** One check's outcome; `detail` explains a failure (English, for logs and UIs to map). */
export interface CheckResult {
  check: CheckName;
  ok: boolean;
  detail?: string;
}

/** Outcome of a verification: `verified` only when every check passed. */
export interface VerificationResult {
  verified: boolean;
  checks: CheckResult[];
}

/** What a status checker reports for one `credentialStatus` entry. */
export interface StatusCheckResult {
  revoked: boolean;
  /** Optional explanation (e.g. revocation reason or list URL). */
  detail?: string;
  [extra: string]: unknown;
}

/** A `credentialStatus` entry as found in the credential (e.g. a BitstringStatusListEntry). */
export type CredentialStatusEntry = Record<string, unknown>;

/** What a status checker knows of the credential whose entry it reads. */
export interface StatusCheckContext {
  /** The credential's issuer id (`issuer` or `issuer.id`), or undefined when it has none. */
  issuerId: string | undefined;
}

/**
 * Looks up one status entry of a credential issued by `context.issuerId`; may throw (reported as
 * a failed `status` check). A checker must refuse a status list issued by anyone else: throw
 * {@link StatusListIssuerMismatch}.
 */
export type StatusChecker = (entry: CredentialStatusEntry, context: StatusCheckContext) => Promise<StatusCheckResult>;

/** The stable reason a status check gives when the status list is not the credential issuer's. */
export const STATUS_LIST_ISSUER_MISMATCH = 'status list issuer mismatch';

/**
 * Thrown by a {@link StatusChecker} when the status list credential's issuer is not the
 * credential's issuer; the `status` check then fails with
 * `status check failed: status list issuer mismatch (…)`.
 */
export class StatusListIssuerMismatch extends Error {
  override readonly name = 'StatusListIssuerMismatch';
  constructor(listIssuer: string, credentialIssuer: string | undefined) {
    super(`${STATUS_LIST_ISSUER_MISMATCH} (the list is issued by ${listIssuer}, the credential by ${credentialIssuer ?? '(no issuer)'})`);
  }
}

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The issuer id of a credential (`issuer` string or `issuer.id`). */
export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string') return (issuer as { id: string }).id;
  return undefined;
}

/** True for an Open Badges 3.0 credential (type OpenBadgeCredential or AchievementCredential). */
export function isOpenBadge(credential: Record<string, unknown>): boolean {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  return types.includes('OpenBadgeCredential') || types.includes('AchievementCredential');
}

/** The DID (or URL) part of a verification method id. */
export function controllerOf(verificationMethod: string): string {
  const hash = verificationMethod.indexOf('#');
  return hash === -1 ? verificationMethod : verificationMethod.slice(0, hash);
}

function proofVerificationMethods(credential: Record<string, unknown>): string[] {
  const proofs = credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  return proofs.map((proof: unknown) => {
    const vm = proof && typeof proof === 'object' ? (proof as { verificationMethod?: unknown }).verificationMethod : undefined;
    if (typeof vm === 'string') return vm;
    if (vm && typeof vm === 'object' && typeof (vm as { id?: unknown }).id === 'string') return (vm as { id: string }).id;
    return '';
  });
}

function listsMethod(didDocument: Record<string, unknown>, did: string, vm: string): boolean {
  const entries = Array.isArray(didDocument.assertionMethod) ? didDocument.assertionMethod : [];
  const fragment = vm.slice(did.length);
  return entries.some((entry: unknown) => {
    const id = typeof entry === 'string' ? entry : entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    return id === vm || id === fragment;
  });
}

/** Options of {@link checkIssuerBinding}. */
export interface IssuerBindingOptions {
  /**
   * `every` (default): every proof must be made with one of the issuer's keys. `some`: at
   * least one proof must be (the others are co-signers, verified against their own DIDs).
   */
  proofs?: 'every' | 'some';
}

/**
 * `issuer`: the issuer DID resolves, and every proof's verification method (or, with
 * `proofs: 'some'`, at least one) is one of the issuer's own `assertionMethod` keys.
 */
export async function checkIssuerBinding(credential: Record<string, unknown>, documentLoader: DocumentLoader, options: IssuerBindingOptions = {}): Promise<CheckResult> {
  return checkIssuerKeys({ issuerId: issuerIdOf(credential), methods: proofVerificationMethods(credential), documentLoader, ...options });
}

/** Input of {@link checkIssuerKeys}. */
export interface IssuerKeysInput extends IssuerBindingOptions {
  issuerId: string | undefined;
  /** The verification method ids that secured the credential (proofs, or a JWT's `kid`). */
  methods: string[];
  documentLoader: DocumentLoader;
}

/**
 * `issuer`: the issuer DID resolves, and every verification method (or, with
 * `proofs: 'some'`, at least one) is one of the issuer's own `assertionMethod` keys.
 */
export async function checkIssuerKeys(input: IssuerKeysInput): Promise<CheckResult> {
  const { issuerId, methods, documentLoader } = input;
  if (!issuerId) return { check: 'issuer', ok: false, detail: 'credential has no issuer id' };
  let didDocument: Record<string, unknown>;
  try {
    const loaded = await documentLoader(issuerId);
    didDocument = loaded.document;
    if (!didDocument || typeof didDocument !== 'object') throw new Error('empty DID document');
  } catch {
    return { check: 'issuer', ok: false, detail: 'issuer not resolvable' };
  }
  if (didDocument.id !== issuerId) return { check: 'issuer', ok: false, detail: 'issuer DID document has a different id' };
  if (methods.length === 0) return { check: 'issuer', ok: false, detail: 'no proof to bind to the issuer' };
  if (input.proofs === 'some') {
    if (methods.some((vm) => controllerOf(vm) === issuerId && listsMethod(didDocument, issuerId, vm))) return { check: 'issuer', ok: true };
    return { check: 'issuer', ok: false, detail: `no proof is made with an assertionMethod key of issuer ${issuerId}` };
  }
  for (const vm of methods) {
    if (controllerOf(vm) !== issuerId) return { check: 'issuer', ok: false, detail: `proof key ${vm || '(none)'} does not belong to issuer ${issuerId}` };
    if (!listsMethod(didDocument, issuerId, vm)) return { check: 'issuer', ok: false, detail: `key ${vm} is not an assertionMethod of the issuer` };
  }
  return { check: 'issuer', ok: true };
}

/** `validity`: validFrom ≤ now < validUntil (each bound optional, but well-formed when present). */
export function checkValidity(credential: Record<string, unknown>, now: Date): CheckResult {
  const bound = (field: 'validFrom' | 'validUntil'): number | null | 'invalid' => {
    const value = credential[field];
    if (value === undefined) return null;
    if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) return 'invalid';
    return Date.parse(value);
  };
  const from = bound('validFrom');
  const until = bound('validUntil');
  if (from === 'invalid') return { check: 'validity', ok: false, detail: 'validFrom is not a valid date-time' };
  if (until === 'invalid') return { check: 'validity', ok: false, detail: 'validUntil is not a valid date-time' };
  const t = now.getTime();
  if (from !== null && t < from) return { check: 'validity', ok: false, detail: `not yet valid (validFrom ${String(credential.validFrom)})` };
  if (until !== null && t >= until) return { check: 'validity', ok: false, detail: `expired (validUntil ${String(credential.validUntil)})` };
  return { check: 'validity', ok: true };
}

/** The fields of a credential the `status` check reads. */
export interface StatusFields {
  credentialStatus?: unknown;
  /** `issuer` as in the credential: a string or an object with an `id`. */
  issuer?: unknown;
}

/**
 * `status`: every `credentialStatus` entry is checked and none is revoked. The checker is told
 * the credential's issuer, so that it can refuse a status list issued by someone else (see
 * {@link StatusChecker}).
 */
export async function checkStatusEntries(credential: StatusFields, checkStatus: StatusChecker | undefined): Promise<CheckResult> {
  const status = credential.credentialStatus;
  const entries = Array.isArray(status) ? status : [status];
  if (!checkStatus) return { check: 'status', ok: false, detail: 'status not checked: no status checker configured' };
  const context: StatusCheckContext = { issuerId: issuerIdOf(credential as Record<string, unknown>) };
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') return { check: 'status', ok: false, detail: 'credentialStatus entry is not an object' };
    try {
      const result = await checkStatus(entry as CredentialStatusEntry, context);
      if (result.revoked) return { check: 'status', ok: false, detail: result.detail ?? 'revoked' };
    } catch (error) {
      return { check: 'status', ok: false, detail: `status check failed: ${message(error)}` };
    }
  }
  return { check: 'status', ok: true };
}
