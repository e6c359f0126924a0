/**
 * A bound on how deeply a credential sent for issuance may nest objects and arrays. Everything
 * after it (structuredClone, the rules, JSON-LD expansion and canonicalisation, the log digest)
 * recurses, and a few kilobytes of `[[[[…]]]]` would overflow the call stack; real credentials
 * nest far less (an Open Badge with alignments and evidence: under 10 levels).
 */
import { AppError } from '../errors.js';
import { exceedsJsonDepth } from '../json-depth.js';

/** Deepest nesting of objects and arrays accepted in a credential, the credential itself being level 1. */
export const MAX_CREDENTIAL_DEPTH = 32;

/**
 * Refuses a credential nested deeper than {@link MAX_CREDENTIAL_DEPTH} levels, before any code
 * that recurses over it runs.
 * @throws AppError 422 `credential_too_deep` (field `credential`).
 */
export function assertCredentialDepth(credential: Record<string, unknown>): void {
  if (exceedsJsonDepth(credential, MAX_CREDENTIAL_DEPTH)) {
    throw new AppError('credential_too_deep', 422, `credential: nests objects and arrays more than ${MAX_CREDENTIAL_DEPTH} levels deep`, { field: 'credential' });
  }
}
