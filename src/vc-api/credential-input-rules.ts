/**
 * Structural rules a credential must pass before Credence signs it (VC Data Model 2.0 and 1.1):
 * plain checks with precise field paths, run before the JSON-LD safe-mode check.
 */
import { AppError, type FieldError } from '../errors.js';
import { isDateTimeStamp } from '../credentials/date-time.js';
import { isMultibaseDigest, isSriDigest } from './resource-digests.js';

/** A rule violation: a stable code and the field at fault (`credential.relatedResource.1.id`). */
export interface CredentialIssue extends FieldError {
  code: string;
}

type Json = Record<string, unknown>;

const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
const DATE_FIELDS = ['validFrom', 'validUntil', 'issuanceDate', 'expirationDate'] as const;
const TYPED_FIELDS = ['credentialSchema', 'credentialStatus', 'refreshService', 'termsOfUse', 'evidence'] as const;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (...path: Array<string | number>): string => ['credential', ...path].join('.');
/** An absolute URL (any scheme: `https:`, `did:`, `urn:`) that WHATWG URL parsing accepts, as every `id` must be. */
export const isAbsoluteUrl = (value: unknown): value is string => typeof value === 'string' && ABSOLUTE_URL.test(value) && URL.canParse(value);

/** Entries of a property that may hold one value or an array, with their field paths. */
function entriesOf(credential: Json, name: string): Array<{ value: unknown; path: Array<string | number> }> {
  const value = credential[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map((item, i) => ({ value: item, path: [name, i] })) : [{ value, path: [name] }];
}

function hasType(entry: Json): boolean {
  const type = entry.type;
  if (typeof type === 'string') return type.length > 0;
  return Array.isArray(type) && type.length > 0 && type.every((t) => typeof t === 'string' && t.length > 0);
}

function checkTypeAndSubject(credential: Json, issues: CredentialIssue[]): void {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('VerifiableCredential')) {
    issues.push({ code: 'invalid_type', field: field('type'), message: 'must include "VerifiableCredential"' });
  }
  const subject = credential.credentialSubject;
  if (subject === undefined) {
    issues.push({ code: 'missing_credential_subject', field: field('credentialSubject'), message: 'is required' });
    return;
  }
  const subjects = Array.isArray(subject) ? subject : [subject];
  if (subjects.length === 0) issues.push({ code: 'invalid_credential_subject', field: field('credentialSubject'), message: 'must not be empty' });
  subjects.forEach((item, i) => {
    const path = Array.isArray(subject) ? field('credentialSubject', i) : field('credentialSubject');
    if (!isObject(item) || Object.keys(item).length === 0) {
      issues.push({ code: 'invalid_credential_subject', field: path, message: 'must be an object that makes a claim' });
    }
  });
}

/** Pairs of dates where the first must not come after the second (2.0, then 1.1 names). */
const VALIDITY_PERIODS = [
  ['validFrom', 'validUntil'],
  ['issuanceDate', 'expirationDate'],
] as const;

function checkDates(credential: Json, issues: CredentialIssue[]): void {
  for (const name of DATE_FIELDS) {
    if (credential[name] !== undefined && !isDateTimeStamp(credential[name])) {
      issues.push({ code: 'invalid_date_time', field: field(name), message: 'must be a date-time stamp with a time zone that exists in the calendar, e.g. 2026-11-02T10:00:00Z' });
    }
  }
  for (const [start, end] of VALIDITY_PERIODS) {
    const from = credential[start];
    const until = credential[end];
    if (isDateTimeStamp(from) && isDateTimeStamp(until) && Date.parse(from) > Date.parse(until)) {
      issues.push({ code: 'invalid_validity_period', field: field(end), message: `must not be before ${start}` });
    }
  }
}

function checkTypedEntries(credential: Json, issues: CredentialIssue[]): void {
  for (const name of TYPED_FIELDS) {
    for (const { value, path } of entriesOf(credential, name)) {
      if (!isObject(value) || !hasType(value)) issues.push({ code: 'missing_type', field: field(...path, 'type'), message: `each ${name} entry must be an object with a type` });
      else if (name === 'credentialSchema' && !isAbsoluteUrl(value.id)) {
        issues.push({ code: 'invalid_credential_schema', field: field(...path, 'id'), message: 'must be the URL of the schema' });
      }
    }
  }
}

function checkRelatedResources(credential: Json, issues: CredentialIssue[]): void {
  const seen = new Set<string>();
  for (const { value, path } of entriesOf(credential, 'relatedResource')) {
    if (!isObject(value)) {
      issues.push({ code: 'invalid_related_resource', field: field(...path), message: 'must be an object with an id and a digest' });
    } else if (value.id === undefined) {
      issues.push({ code: 'invalid_related_resource', field: field(...path, 'id'), message: 'is required' });
    } else {
      if (typeof value.id === 'string' && seen.has(value.id)) issues.push({ code: 'duplicate_related_resource', field: field(...path, 'id'), message: 'appears more than once' });
      seen.add(String(value.id));
      if (value.digestSRI === undefined && value.digestMultibase === undefined) {
        issues.push({ code: 'missing_resource_digest', field: field(...path), message: 'needs digestSRI or digestMultibase' });
      }
      if (value.digestSRI !== undefined && !isSriDigest(value.digestSRI)) {
        issues.push({ code: 'invalid_resource_digest', field: field(...path, 'digestSRI'), message: 'must be Subresource Integrity metadata, e.g. sha384-<base64 digest>' });
      }
      if (value.digestMultibase !== undefined && !isMultibaseDigest(value.digestMultibase)) {
        issues.push({ code: 'invalid_resource_digest', field: field(...path, 'digestMultibase'), message: 'must be a multibase-encoded (u or z) SHA-2 or SHA-3 multihash' });
      }
    }
  }
}

/** Every `id` anywhere in the credential (outside `@context`) must be an absolute URL. */
function checkIds(value: unknown, path: Array<string | number>, issues: CredentialIssue[]): void {
  if (Array.isArray(value)) value.forEach((item, i) => checkIds(item, [...path, i], issues));
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '@context') continue;
      if ((key === 'id' || key === '@id') && !isAbsoluteUrl(child)) issues.push({ code: 'invalid_id', field: field(...path, key), message: 'must be a URL' });
      else checkIds(child, [...path, key], issues);
    }
  }
}

/** All rule violations of `credential`, in a stable order (empty when it passes). */
export function credentialIssues(credential: Json): CredentialIssue[] {
  const issues: CredentialIssue[] = [];
  checkTypeAndSubject(credential, issues);
  checkDates(credential, issues);
  checkTypedEntries(credential, issues);
  checkRelatedResources(credential, issues);
  if (credential.proof !== undefined) issues.push({ code: 'unexpected_proof', field: field('proof'), message: 'send the credential unsigned' });
  const idIssues: CredentialIssue[] = [];
  checkIds(credential, [], idIssues);
  // A schema's or related resource's id may already be reported above with its own code.
  const reported = new Set(issues.map((issue) => issue.field));
  return [...issues, ...idIssues.filter((issue) => !reported.has(issue.field))];
}

/**
 * Throws a 422 problem (the first issue's code, every issue in `errors[]`) unless `credential`
 * passes the structural rules: `type` with VerifiableCredential; a `credentialSubject` object or
 * array of objects; URL `id`s; date-time stamps that exist in the calendar, with `validFrom` ≤
 * `validUntil` and `issuanceDate` ≤ `expirationDate` (`invalid_validity_period`); typed
 * `credentialSchema` / `credentialStatus` / `refreshService` / `termsOfUse` / `evidence`
 * entries; a URL `credentialSchema.id`; `relatedResource` objects with a unique `id` and a
 * well-formed `digestSRI` or `digestMultibase`; no `proof` yet.
 */
export function assertCredentialRules(credential: Json): void {
  const issues = credentialIssues(credential);
  const first = issues[0];
  if (!first) return;
  throw new AppError(first.code, 422, `${first.field}: ${first.message}`, {
    field: first.field,
    errors: issues.map(({ field: f, message }) => ({ field: f, message })),
  });
}
