/**
 * Completes a credential sent for issuance before the rules run: a normalised `@context`
 * (with the Data Integrity context a 1.1 credential needs), the issuer (one of the calling
 * tenant's DIDs, or its default when absent) and a 1.1 `issuanceDate` when absent.
 */
import { AppError } from '../errors.js';
import { CONTEXT_URLS } from '../credentials/document-loader.js';
import { toDateTimeStamp } from '../credentials/date-time.js';
import type { IssuerIdentifierKind, TenantIssuerIds } from './issuer-identifiers.js';

type Json = Record<string, unknown>;

/** A credential ready for the rules and signing, with what was decided about it. */
export interface PreparedCredential {
  credential: Json;
  /** VC Data Model version, from the first context. */
  version: 1 | 2;
  /** Which of the tenant's identifiers the credential names as issuer (and is signed as). */
  issuerKind: IssuerIdentifierKind;
}

const refuse = (code: string, field: string, detail: string, status = 422): AppError => new AppError(code, status, `${field}: ${detail}`, { field });

function contextsOf(credential: Json): { contexts: unknown[]; version: 1 | 2 } {
  const context = credential['@context'];
  if (context === undefined) throw refuse('invalid_context', 'credential.@context', 'is required');
  const contexts = Array.isArray(context) ? [...context] : [context];
  if (contexts[0] === CONTEXT_URLS.credentialsV2) return { contexts, version: 2 };
  if (contexts[0] === CONTEXT_URLS.credentialsV1) return { contexts, version: 1 };
  throw refuse('invalid_context', 'credential.@context.0', `must be ${CONTEXT_URLS.credentialsV2} (or ${CONTEXT_URLS.credentialsV1} for a 1.1 credential)`);
}

/** The issuer as sent, with its id resolved against the tenant's DIDs. */
function resolveIssuer(issuer: unknown, ids: TenantIssuerIds, fallback: IssuerIdentifierKind): { issuer: unknown; kind: IssuerIdentifierKind } {
  const defaultId = fallback === 'did:key' ? ids.didKey : ids.didWeb;
  if (issuer === undefined) return { issuer: defaultId, kind: fallback };
  const isObject = typeof issuer === 'object' && issuer !== null && !Array.isArray(issuer);
  if (typeof issuer !== 'string' && !isObject) throw refuse('invalid_issuer', 'credential.issuer', 'must be a DID or an object with an id');
  const id = typeof issuer === 'string' ? issuer : (issuer as Json).id;
  if (id === undefined) return { issuer: { ...(issuer as Json), id: defaultId }, kind: fallback };
  const field = typeof issuer === 'string' ? 'credential.issuer' : 'credential.issuer.id';
  if (id === ids.didWeb) return { issuer, kind: 'did:web' };
  if (id === ids.didKey) return { issuer, kind: 'did:key' };
  throw refuse('issuer_not_allowed', field, `must be one of your issuer identifiers (${ids.didWeb}, ${ids.didKey}) or left out`, 403);
}

/**
 * Returns a completed copy of `input` (never modifies it): `@context` as an array, 1.1
 * credentials with the Data Integrity v2 context appended when missing and `issuanceDate` set to
 * `now` when absent (VC-API lets the issuer fill it), `issuer` (a string or an object's `id`)
 * checked against the tenant's DIDs or filled with the default one (an issuer object keeps its
 * other properties).
 * @throws AppError 422 `invalid_context` / `invalid_issuer`; 403 `issuer_not_allowed` for any
 *   issuer that is not the calling tenant's.
 */
export function prepareCredential(input: Json, options: { ids: TenantIssuerIds; defaultIssuer: IssuerIdentifierKind; now: Date }): PreparedCredential {
  const credential = structuredClone(input);
  const { contexts, version } = contextsOf(credential);
  if (version === 1 && !contexts.includes(CONTEXT_URLS.dataIntegrityV2)) contexts.push(CONTEXT_URLS.dataIntegrityV2);
  credential['@context'] = contexts;
  const { issuer, kind } = resolveIssuer(credential.issuer, options.ids, options.defaultIssuer);
  credential.issuer = issuer;
  if (version === 1 && credential.issuanceDate === undefined) credential.issuanceDate = toDateTimeStamp(options.now, 'issuanceDate');
  return { credential, version, issuerKind: kind };
}
