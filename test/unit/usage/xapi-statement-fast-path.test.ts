import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { parseStatement, statementContentHash, statementFingerprint, statementSchema, type XapiStatement } from '../../../src/usage/xapi-statement.js';

/** What parseStatement answered before it had a hand-written path: the schema alone. */
function schemaResult(input: unknown) {
  const result = statementSchema.safeParse(input);
  if (result.success) return { ok: true as const, statement: result.data };
  const errors = result.error.issues.map((issue) => ({
    path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return { ok: false as const, errors };
}

/** An own `__proto__` data property, as JSON.parse creates for a `"__proto__"` key. */
function withOwnProto<T extends object>(object: T): T {
  Object.defineProperty(object, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  return object;
}

const validIri = fc.constantFrom('https://tools.example/ide/1', 'urn:example:a', 'http://adlnet.gov/expapi/verbs/used', 'https://a.example/a%20b');
const anyDate = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const timestamp = fc.oneof(
  anyDate.chain((date) => {
    const iso = date.toISOString();
    return fc.constantFrom(`${iso.slice(0, 19)}Z`, iso, `${iso.slice(0, 19)}.5Z`, `${iso.slice(0, 23)}456789Z`, `${iso.slice(0, 19)}+01:00`, `${iso.slice(0, 19)}-05:00`);
  }),
  // Any calendar numbers, real or not (month 13, February 30, hour 24).
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }))
    .map(([y, m, d, h]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:30:59Z`),
);
/** Mostly `valid`, sometimes one of `invalid`: most generated statements are valid or wrong in one place. */
function mostly<T>(valid: fc.Arbitrary<T>, ...invalid: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
}

/** Present with a valid value, absent, or (sometimes) invalid. */
function optional<T>(valid: fc.Arbitrary<T>, ...invalid: unknown[]): fc.Arbitrary<unknown> {
  const absent = fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
  return invalid.length === 0 ? absent : mostly(absent, ...invalid);
}

const iri = mostly(validIri, '/relative', 'not an iri', 'https://a.example/%zz', '', 7, null);
const identifiers = {
  mbox: mostly(fc.constantFrom('mailto:kari@example.com', 'MAILTO:Kari@Example.com'), 'kari@example.com', 'mailto:a b@c', 1),
  mbox_sha1sum: mostly(fc.constantFrom('a'.repeat(40), 'AB'.repeat(20)), 'abc', 'g'.repeat(40), null),
  account: mostly(fc.record({ homePage: iri, name: mostly(fc.constantFrom('u-1', 'U'), '', 5, null) }), null, [], 'u-1'),
  openid: iri,
};
type IdentifierKey = keyof typeof identifiers;
const keys = Object.keys(identifiers) as IdentifierKey[];
/** Usually exactly one identifier; sometimes none or two. */
const identifierKeys = fc.oneof(
  { arbitrary: fc.constantFrom(...keys.map((key) => [key])), weight: 8 },
  { arbitrary: fc.constant([] as IdentifierKey[]), weight: 1 },
  { arbitrary: fc.subarray(keys, { minLength: 2, maxLength: 2 }), weight: 1 },
);
const actor = mostly(
  fc
    .tuple(identifierKeys.chain((chosen) => fc.record(Object.fromEntries(chosen.map((key) => [key, identifiers[key]])))), fc.record({ objectType: optional(fc.constant('Agent'), 'Group', 1), name: optional(fc.string(), null, 3) }))
    .map(([ids, rest]) => ({ ...rest, ...ids })),
  null,
  [],
  'kari',
);
const statementLike = fc.record({
  id: optional(fc.constantFrom('6690e6c9-3ef0-4ed3-8b37-7f3964730bee', '6690E6C9-3EF0-4ED3-8B37-7F3964730BEE'), 'statement-1', 3, null),
  actor,
  verb: mostly(fc.record({ id: iri, display: optional(fc.dictionary(fc.string(), fc.string())) }), null, []),
  object: mostly(fc.record({ objectType: optional(fc.constant('Activity'), 'Agent'), id: iri, definition: optional(fc.jsonValue()) }), null, []),
  timestamp: mostly(timestamp, 'yesterday', 1741599000000, '2025-03-10T09:30:00+0100', '2025-03-10T09:30:00', undefined),
  result: optional(fc.jsonValue()),
  stored: optional(fc.string()),
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Statement-like values as JSON.parse gives them, some with an own `__proto__` key in an object the schema copies. */
const input = fc.tuple(statementLike, fc.subarray(['', 'actor', 'actor.account', 'verb', 'object'], { maxLength: 1 })).map(([statement, protoAt]) => {
  const json = JSON.parse(JSON.stringify(statement)) as Record<string, unknown>;
  for (const path of protoAt) {
    const target = path ? path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), json) : json;
    if (isObject(target)) withOwnProto(target);
  }
  return json as unknown;
});

describe('parseStatement: the hand-written path answers exactly what the schema answers', () => {
  it('accepts and rejects the same values, with the same errors and an equal statement', () => {
    fc.assert(
      fc.property(input, (value) => {
        const expected = schemaResult(value);
        const actual = parseStatement(value);
        expect(actual).toEqual(expected);
        if (actual.ok && expected.ok) {
          expect(statementFingerprint(actual.statement)).toEqual(statementFingerprint(expected.statement));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves an own __proto__ key to the schema, which drops it from its copy', () => {
    const text = '{"actor":{"mbox":"mailto:a@b.example","__proto__":{"x":1}},"verb":{"id":"urn:v"},"object":{"id":"urn:o"},"timestamp":"2025-01-01T00:00:00Z"}';
    const parsed = parseStatement(JSON.parse(text));
    expect(parsed.ok && Object.hasOwn(parsed.statement.actor, '__proto__')).toBe(false);
  });
});

/** The canonical JSON the content hash is defined on, written plainly (JSON.stringify for every scalar). */
function referenceCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => referenceCanonical(item ?? null)).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort().filter((key) => object[key] !== undefined);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${referenceCanonical(object[key])}`).join(',')}}`;
}

function referenceHash(statement: XapiStatement): string {
  const { id: _id, stored: _s, authority: _a, version: _v, ...content } = statement;
  const canonical = referenceCanonical({ ...content, timestamp: new Date(statement.timestamp).toISOString() });
  return createHash('sha256').update(canonical).digest('hex');
}

describe('statementContentHash', () => {
  it('is SHA-256 of the canonical JSON for any strings, keys and UTC timestamps', () => {
    // Any code points, and strings of the characters JSON escapes (lone surrogates included).
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '\u0001', '\u001f', '\u2028', '\ud83d', '\ude00', '\ud800') }));
    const utcTimestamp = fc
      .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
      .chain((date) => fc.constantFrom(`${date.toISOString().slice(0, 19)}Z`, date.toISOString()));
    fc.assert(
      fc.property(text, fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean())), utcTimestamp, (name, extensions, at) => {
        const parsed = parseStatement({
          actor: { mbox: 'mailto:a@b.example', name },
          verb: { id: 'urn:v', display: { [name]: name } },
          object: { id: 'urn:o' },
          timestamp: at,
          result: { extensions },
        });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        expect(statementContentHash(parsed.statement)).toBe(referenceHash(parsed.statement));
        expect(statementFingerprint(parsed.statement).utcDay).toBe(at.slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });

  // Hashes computed by the earlier, schema-only implementation: stored statement hashes must keep
  // matching, or replays of statements received before would turn into conflicts.
  it.each([
    [
      '{"id":"6690E6C9-3EF0-4ED3-8B37-7F3964730BEE","actor":{"mbox":"mailto:a@b.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"object":{"id":"https://tools.example.com/git"},"timestamp":"2025-03-10T09:30:00Z"}',
      '3a9af0d2e2877c7adcaf3f5c4be8e998c791f5cfa991505458ff86782defff18',
    ],
    [
      '{"actor":{"objectType":"Agent","name":"K\\"ari \\\\ \\u0001 \\u2028 \\ud83d\\ude00 \\ud800","mbox_sha1sum":"ABCDEF0123456789ABCDEF0123456789ABCDEF01"},"verb":{"id":"urn:x:y","display":{"en-US":"tab\\there"}},"object":{"objectType":"Activity","id":"https://tools.example.com/a?b=c%20d"},"timestamp":"2025-03-10T23:30:00.5-05:00","result":{"score":{"scaled":-0.5,"raw":1e21},"extensions":{"10":1,"9":[null,true,"x"],"a":{}}},"stored":"x","authority":{},"version":"1.0.3"}',
      'c9cfe91ad3361419523d76883b41eb9c4d26d46aded4f1c31131fc17bb6ed2df',
    ],
    [
      '{"actor":{"account":{"homePage":"https://lms.example","name":"u-1"}},"verb":{"id":"urn:v"},"object":{"id":"urn:o"},"timestamp":"2024-02-29T00:00:00.123456789Z","context":{"__proto__":{"polluted":true},"platform":"LMS"}}',
      'a3c3fa12d92b914fa2d22697449298c70bca0becb3b57116a9410d82287a550d',
    ],
    [
      '{"actor":{"openid":"https://id.example/k","__proto__":{"x":1}},"verb":{"id":"urn:v","__proto__":[1]},"object":{"id":"urn:o","__proto__":null},"timestamp":"2025-12-31T23:59:59+14:00","__proto__":{"y":2}}',
      '7760211b829c7f0352865271851c250c8cf92358cc2a5af0e3a60a209e4abe8c',
    ],
    [
      '{"actor":{"mbox":"mailto:x@y.z","name":"\\u00e5se"},"verb":{"id":"urn:v"},"object":{"id":"urn:o","definition":{"name":{"nb":"\\u00d8"}}},"timestamp":"0000-01-01T00:00:00Z"}',
      '4ce9300b23603f11a3777f69b7fcdf24762d08230eb4bae8a697c3cbb287a672',
    ],
  ])('keeps the hash stored before (%#)', (text, hash) => {
    const parsed = parseStatement(JSON.parse(text));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(statementContentHash(parsed.statement)).toBe(hash);
  });
});
