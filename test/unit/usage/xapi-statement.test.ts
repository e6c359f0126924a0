import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  actorIdentity,
  parseStatement,
  statementContentHash,
  statementUtcDay,
  type XapiStatement,
} from '../../../src/usage/xapi-statement.js';

const valid = {
  id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
  actor: { objectType: 'Agent', name: 'Kari Nordmann', mbox: 'mailto:Kari.Nordmann@Example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  object: { objectType: 'Activity', id: 'https://tools.example.com/git/commit', definition: { name: { en: 'Commit' } } },
  timestamp: '2025-03-10T09:30:00.123+01:00',
  result: { success: true },
  context: { platform: 'LMS' },
  stored: '2025-03-10T08:31:00Z',
  authority: { mbox: 'mailto:lrs@example.com' },
  version: '1.0.3',
};

function parsed(input: unknown): XapiStatement {
  const result = parseStatement(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.statement;
}

function errorsOf(input: unknown): Array<{ path: string; message: string }> {
  const result = parseStatement(input);
  if (result.ok) throw new Error('expected the statement to be rejected');
  return result.errors;
}

const sha1 = createHash('sha1').update('mailto:kari@example.com').digest('hex');

describe('parseStatement: valid statements', () => {
  it('accepts a full statement and passes other xAPI properties through', () => {
    const statement = parsed(valid);
    expect(statement).toEqual(valid);
    expect(statement['result']).toEqual({ success: true });
  });

  it('accepts a minimal statement: no id, no objectTypes', () => {
    const { id: _id, result: _r, context: _c, stored: _s, authority: _a, version: _v, ...rest } = valid;
    const minimal = { ...rest, actor: { mbox: 'mailto:a@b.example' }, object: { id: 'urn:example:activity:1' } };
    expect(parseStatement(minimal).ok).toBe(true);
  });

  it.each([
    ['mbox_sha1sum', { mbox_sha1sum: sha1.toUpperCase() }],
    ['account', { account: { homePage: 'https://lms.example.com', name: 'u-123' } }],
    ['openid', { openid: 'https://openid.example.com/kari' }],
  ])('accepts an Agent identified by %s', (_label, actor) => {
    expect(parseStatement({ ...valid, actor }).ok).toBe(true);
  });

  it.each(['2025-03-10T09:30:00Z', '2025-03-10T09:30:00.123456789Z', '2025-03-10T23:30:00-05:00', '2024-02-29T00:00:00Z'])(
    'accepts timestamp %p',
    (timestamp) => {
      expect(parseStatement({ ...valid, timestamp }).ok).toBe(true);
    },
  );
});

describe('parseStatement: invalid statements', () => {
  it('rejects two identifiers with a clear path and message', () => {
    const errors = errorsOf({ ...valid, actor: { mbox: 'mailto:a@b.example', account: { homePage: 'https://x.example', name: 'a' } } });
    expect(errors).toEqual([{ path: 'actor', message: expect.stringMatching(/exactly one identifier.*found mbox and account/) }]);
  });

  it('rejects an Agent with no identifier', () => {
    expect(errorsOf({ ...valid, actor: { name: 'Nobody' } })).toEqual([{ path: 'actor', message: expect.stringContaining('found none') }]);
  });

  it('rejects a Group as actor', () => {
    const errors = errorsOf({ ...valid, actor: { objectType: 'Group', mbox: 'mailto:team@example.com', member: [] } });
    expect(errors).toEqual([{ path: 'actor.objectType', message: expect.stringContaining('must be an Agent') }]);
  });

  it.each([
    ['a relative verb id', { verb: { id: '/verbs/used' } }, 'verb.id'],
    ['a bare-word verb id', { verb: { id: 'used' } }, 'verb.id'],
    ['a relative object id', { object: { id: 'activities/git' } }, 'object.id'],
    ['an object id with spaces', { object: { id: 'https://example.com/a b' } }, 'object.id'],
    ['an object id with a broken escape', { object: { id: 'https://example.com/a%zz' } }, 'object.id'],
    ['a relative account homePage', { actor: { account: { homePage: 'lms.example.com', name: 'u' } } }, 'actor.account.homePage'],
    ['an empty account name', { actor: { account: { homePage: 'https://lms.example.com', name: '' } } }, 'actor.account.name'],
    ['an mbox without mailto:', { actor: { mbox: 'kari@example.com' } }, 'actor.mbox'],
    ['a short mbox_sha1sum', { actor: { mbox_sha1sum: 'abc123' } }, 'actor.mbox_sha1sum'],
    ['a non-Activity object', { object: { objectType: 'Agent', id: 'https://example.com/a' } }, 'object.objectType'],
    ['a non-UUID id', { id: 'statement-1' }, 'id'],
  ])('rejects %s', (_label, override, path) => {
    const errors = errorsOf({ ...valid, ...override });
    expect(errors.map((e) => e.path)).toContain(path);
  });

  it('says what an IRI must be', () => {
    expect(errorsOf({ ...valid, verb: { id: '/verbs/used' } })).toEqual([{ path: 'verb.id', message: expect.stringContaining('absolute IRI') }]);
  });

  it.each([
    ['no timezone', '2025-03-10T09:30:00'],
    ['date only', '2025-03-10'],
    ['an impossible date', '2025-02-29T10:00:00Z'],
    ['an impossible month', '2025-13-01T10:00:00Z'],
    ['hour 24', '2025-03-10T24:00:00Z'],
    ['an offset without colon', '2025-03-10T09:30:00+0100'],
    ['free text', 'yesterday'],
    ['a number', 1741599000000],
  ])('rejects a timestamp with %s', (_label, timestamp) => {
    expect(errorsOf({ ...valid, timestamp })).toEqual([{ path: 'timestamp', message: expect.any(String) }]);
  });

  it('requires a timestamp', () => {
    const { timestamp: _t, ...rest } = valid;
    expect(errorsOf(rest).map((e) => e.path)).toEqual(['timestamp']);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf({ actor: {}, verb: { id: 'x' }, object: {}, timestamp: 'now' });
    expect(errors.map((e) => e.path).sort()).toEqual(['actor', 'object.id', 'timestamp', 'verb.id']);
  });

  it.each([null, 'a string', 42, []])('rejects %p at the root without throwing', (input) => {
    expect(errorsOf(input)).toEqual([{ path: '(root)', message: expect.any(String) }]);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        expect(typeof parseStatement(input).ok).toBe('boolean');
      }),
    );
  });
});

describe('actorIdentity', () => {
  it('returns a lower-cased email without mailto:', () => {
    expect(actorIdentity(parsed(valid))).toEqual({ kind: 'email', email: 'kari.nordmann@example.com' });
  });

  it('returns each other kind', () => {
    expect(actorIdentity(parsed({ ...valid, actor: { mbox_sha1sum: sha1.toUpperCase() } }))).toEqual({ kind: 'email_sha1', sha1 });
    expect(actorIdentity(parsed({ ...valid, actor: { account: { homePage: 'https://lms.example.com', name: 'U-1' } } }))).toEqual({
      kind: 'account',
      name: 'U-1',
      homePage: 'https://lms.example.com',
    });
    expect(actorIdentity(parsed({ ...valid, actor: { openid: 'https://id.example.com/k' } }))).toEqual({ kind: 'openid', openid: 'https://id.example.com/k' });
  });

  it('throws TypeError for an unvalidated statement without identifier', () => {
    expect(() => actorIdentity({ ...valid, actor: {} } as unknown as XapiStatement)).toThrow(TypeError);
  });
});

describe('statementUtcDay', () => {
  it('takes the UTC date of the timestamp', () => {
    expect(statementUtcDay(parsed({ ...valid, timestamp: '2025-03-10T00:30:00+02:00' }))).toBe('2025-03-09');
    expect(statementUtcDay(parsed({ ...valid, timestamp: '2025-03-10T23:30:00-05:00' }))).toBe('2025-03-11');
  });
});

describe('statementContentHash', () => {
  const hash = statementContentHash(parsed(valid));

  it('is a SHA-256 hex digest', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order, id, stored, authority and version (a replay)', () => {
    const replay = {
      version: '1.0.0',
      timestamp: valid.timestamp,
      object: { id: valid.object.id, definition: valid.object.definition, objectType: 'Activity' },
      context: valid.context,
      verb: { display: valid.verb.display, id: valid.verb.id },
      result: valid.result,
      actor: { mbox: valid.actor.mbox, name: valid.actor.name, objectType: 'Agent' },
      id: '00000000-0000-4000-8000-000000000000',
    };
    expect(statementContentHash(parsed(replay))).toBe(hash);
  });

  it('treats the same instant in another timezone as the same content', () => {
    expect(statementContentHash(parsed({ ...valid, timestamp: '2025-03-10T08:30:00.123Z' }))).toBe(hash);
  });

  it.each([
    ['a different timestamp', { timestamp: '2025-03-10T09:30:01.123+01:00' }],
    ['a different verb', { verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } }],
    ['a different actor', { actor: { mbox: 'mailto:someone@example.com' } }],
    ['a different result', { result: { success: false } }],
    ['an extra property', { attachments: [] }],
  ])('changes with %s (a conflicting reuse)', (_label, override) => {
    expect(statementContentHash(parsed({ ...valid, ...override }))).not.toBe(hash);
  });

  it('keeps array order significant', () => {
    const a = { ...valid, context: { contextActivities: { parent: [{ id: 'urn:a' }, { id: 'urn:b' }] } } };
    const b = { ...valid, context: { contextActivities: { parent: [{ id: 'urn:b' }, { id: 'urn:a' }] } } };
    expect(statementContentHash(parsed(a))).not.toBe(statementContentHash(parsed(b)));
  });
});
