/**
 * The subset of an xAPI 1.0.3 Statement that Credence reads (actor, verb, object,
 * timestamp, optional id), validated with zod; the usual valid statement is recognised by a
 * hand-written check first, which accepts nothing the schema would not. Other xAPI properties
 * pass through untouched.
 */
import { z } from 'zod';
import { ingestSha256Hex } from './ingest-hash.js';

/**
 * Absolute IRI: an RFC 3986 scheme, a colon, then no whitespace, controls or characters
 * RFC 3987 forbids; "%" must start a valid escape. Rejects relative references like
 * "/activities/x", which xAPI forbids and which would not identify anything across systems.
 */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[^\s<>"{}|\\^`%\p{Cc}]|%[0-9A-Fa-f]{2})+$/u;
const IRI_MESSAGE = 'must be an absolute IRI (e.g. https://example.com/activities/x)';
const iri = z.string().regex(ABSOLUTE_IRI, IRI_MESSAGE);

/** RFC 3339 date-time with a mandatory timezone; the calendar date is checked below. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const TIMESTAMP_MESSAGE = 'must be an ISO 8601 date-time with a timezone (e.g. 2024-05-01T09:30:00Z)';

function isRealTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse accepts 2024-02-30 (it rolls over), so check the day exists in that month.
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The four xAPI inverse functional identifiers (IFIs) of an Agent. */
const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'account', 'openid'] as const;

const MBOX = /^mailto:[^\s@]+@[^\s@]+$/i;
const MBOX_SHA1SUM = /^[0-9a-f]{40}$/i;
/** The pattern `z.guid()` checks, so the fast path below accepts exactly the same ids. */
const GUID = z.regexes.guid;

const agentSchema = z
  .looseObject({
    objectType: z.literal('Agent', { error: 'actor must be an Agent (objectType "Agent" or absent)' }).optional(),
    name: z.string().optional(),
    mbox: z.string().regex(MBOX, 'must be a "mailto:" IRI with an email address').optional(),
    mbox_sha1sum: z.string().regex(MBOX_SHA1SUM, 'must be 40 hexadecimal characters (SHA-1)').optional(),
    account: z.looseObject({ homePage: iri, name: z.string().min(1, 'must not be empty') }).optional(),
    openid: iri.optional(),
  })
  .superRefine((agent, ctx) => {
    const present = IFI_KEYS.filter((key) => agent[key] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? `Agent must have exactly one identifier among ${IFI_KEYS.join(', ')}; found none`
            : `Agent must have exactly one identifier among ${IFI_KEYS.join(', ')}; found ${present.join(' and ')}`,
      });
    }
  });

/** zod schema of the Statement subset Credence uses; unknown properties are kept. */
export const statementSchema = z.looseObject({
  // Lenient UUID (any version/variant): LRSs and authoring tools differ in what they generate.
  id: z.guid('must be a UUID').optional(),
  actor: agentSchema,
  verb: z.looseObject({ id: iri }),
  object: z.looseObject({
    objectType: z.literal('Activity', { error: 'object must be an Activity (objectType "Activity" or absent)' }).optional(),
    id: iri,
  }),
  // Required here although optional in xAPI: the active day comes from it.
  timestamp: z.string().refine(isRealTimestamp, TIMESTAMP_MESSAGE),
});

/** A validated xAPI Statement (the fields above plus whatever else the sender included). */
export type XapiStatement = z.infer<typeof statementSchema>;

/** One validation problem; `path` is dotted (`actor.mbox`), `(root)` for the whole value. */
export interface StatementError {
  path: string;
  message: string;
}

/** Outcome of {@link parseStatement}. */
export type ParseStatementResult = { ok: true; statement: XapiStatement } | { ok: false; errors: StatementError[] };

/**
 * A plain object as JSON.parse builds it, without an own `__proto__` key: zod copies the objects
 * it has a schema for and leaves such a key out of the copy, so only without one is the input
 * itself the same value as zod's result.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__');
}

function isIri(value: unknown): boolean {
  return typeof value === 'string' && ABSOLUTE_IRI.test(value);
}

function isOptionalMatch(value: unknown, pattern: RegExp): boolean {
  return value === undefined || (typeof value === 'string' && pattern.test(value));
}

function isValidAccount(account: unknown): boolean {
  return isPlainObject(account) && isIri(account.homePage) && typeof account.name === 'string' && account.name.length > 0;
}

/** {@link agentSchema}'s checks, by hand: an Agent with exactly one valid identifier. */
function isValidAgent(actor: unknown): boolean {
  if (!isPlainObject(actor)) return false;
  const { objectType, name, mbox, mbox_sha1sum, account, openid } = actor;
  if ((objectType !== undefined && objectType !== 'Agent') || (name !== undefined && typeof name !== 'string')) return false;
  if (!isOptionalMatch(mbox, MBOX) || !isOptionalMatch(mbox_sha1sum, MBOX_SHA1SUM)) return false;
  if ((account !== undefined && !isValidAccount(account)) || (openid !== undefined && !isIri(openid))) return false;
  return IFI_KEYS.filter((key) => actor[key] !== undefined).length === 1;
}

/**
 * {@link statementSchema}'s checks, by hand, for the statements ingest sees all day: true only if
 * the schema accepts `json` and its result equals `json` (plain objects throughout the parts it
 * copies). False means "let zod decide", which also yields the exact errors.
 */
function isPlainValidStatement(json: unknown): json is XapiStatement {
  if (!isPlainObject(json) || !isOptionalMatch(json.id, GUID) || !isValidAgent(json.actor)) return false;
  const { verb, object, timestamp } = json;
  if (!isPlainObject(verb) || !isIri(verb.id) || !isPlainObject(object) || !isIri(object.id)) return false;
  if (object.objectType !== undefined && object.objectType !== 'Activity') return false;
  return typeof timestamp === 'string' && isRealTimestamp(timestamp);
}

/**
 * Validates an already JSON-parsed value as a Statement. Never throws for bad input. A valid
 * statement made of plain objects is checked by hand and returned as it is (the value zod would
 * return); anything else goes through {@link statementSchema}, which reports every problem.
 */
export function parseStatement(json: unknown): ParseStatementResult {
  if (isPlainValidStatement(json)) return { ok: true, statement: json };
  const result = statementSchema.safeParse(json);
  if (result.success) return { ok: true, statement: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/** The learner identity an Agent carries, one variant per xAPI identifier. */
export type ActorIdentity =
  | { kind: 'email'; email: string }
  | { kind: 'email_sha1'; sha1: string }
  | { kind: 'account'; name: string; homePage: string }
  | { kind: 'openid'; openid: string };

/**
 * The actor's identity. Emails and SHA-1 sums are lower-cased so the same learner matches
 * across systems that differ only in case.
 */
export function actorIdentity(statement: XapiStatement): ActorIdentity {
  const { mbox, mbox_sha1sum, account, openid } = statement.actor;
  if (mbox !== undefined) return { kind: 'email', email: mbox.slice('mailto:'.length).trim().toLowerCase() };
  if (mbox_sha1sum !== undefined) return { kind: 'email_sha1', sha1: mbox_sha1sum.toLowerCase() };
  if (account !== undefined) return { kind: 'account', name: account.name, homePage: account.homePage };
  if (openid !== undefined) return { kind: 'openid', openid };
  // parseStatement guarantees one identifier; reaching here means an unvalidated object.
  throw new TypeError('statement actor has no identifier: pass a statement from parseStatement');
}

/** UTC calendar day (`YYYY-MM-DD`) of the statement's timestamp: the unit ingest stores. */
export function statementUtcDay(statement: XapiStatement): string {
  return new Date(statement.timestamp).toISOString().slice(0, 10);
}

/**
 * Properties an LRS may set or change, which xAPI says don't alter a statement's meaning; and
 * `__proto__`, which the content hash has never included (copying it sets a prototype).
 */
const IGNORED_TOP_LEVEL = new Set(['id', 'stored', 'authority', 'version', '__proto__']);

/**
 * Characters JSON.stringify may escape: quote, backslash, controls (it escapes U+0000–U+001F) and
 * surrogates (it escapes lone ones). A string without any is quoted as it is.
 */
const JSON_ESCAPED = /["\\\p{Cc}\p{Cs}]/u;

/** JSON.stringify(text), without its escaping pass for the usual string that needs none. */
function quoted(text: string): string {
  return JSON_ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * JSON with object keys sorted (UTF-16 order, as `<` compares) and undefined properties left
 * out. Built by string concatenation: no entry arrays or intermediate joins per object.
 */
function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i] ?? null);
    return `${out}]`;
  }
  return canonicalObject(value as Record<string, unknown>);
}

function canonicalObject(object: Record<string, unknown>, top?: { utcTimestamp: string | undefined }): string {
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    if (top && IGNORED_TOP_LEVEL.has(key)) continue;
    const item = top?.utcTimestamp !== undefined && key === 'timestamp' ? top.utcTimestamp : object[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${quoted(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/** A date-time in UTC to the second, the form most statements carry. */
const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The timestamp as `toISOString()` writes it (UTC, milliseconds); undefined if it is not valid. */
function utcTimestampOf(timestamp: unknown): string | undefined {
  if (typeof timestamp !== 'string' || !isRealTimestamp(timestamp)) return undefined;
  // For a real date-time in UTC to the second, toISOString only adds the milliseconds: no Date needed.
  return UTC_SECONDS.test(timestamp) ? `${timestamp.slice(0, 19)}.000Z` : new Date(timestamp).toISOString();
}

/** The content hash and the timestamp in UTC (undefined for a timestamp that is not valid). */
function hashContent(statement: XapiStatement): { contentHash: string; utcTimestamp: string | undefined } {
  const utcTimestamp = utcTimestampOf(statement.timestamp);
  const json = canonicalObject(statement as Record<string, unknown>, { utcTimestamp });
  return { contentHash: ingestSha256Hex(json), utcTimestamp };
}

/**
 * SHA-256 (hex) of the statement's canonical JSON: keys sorted, `id`, `stored`,
 * `authority` and `version` left out, and the timestamp normalised to UTC milliseconds (xAPI lets the
 * same instant be written in any timezone). Equal hashes under one id = a replay;
 * different hashes = a conflicting reuse of the id.
 */
export function statementContentHash(statement: XapiStatement): string {
  return hashContent(statement).contentHash;
}

/**
 * {@link statementContentHash} and {@link statementUtcDay} together, parsing the timestamp once
 * (ingest needs both for every statement).
 */
export function statementFingerprint(statement: XapiStatement): { contentHash: string; utcDay: string } {
  const { contentHash, utcTimestamp } = hashContent(statement);
  return { contentHash, utcDay: utcTimestamp?.slice(0, 10) ?? statementUtcDay(statement) };
}
