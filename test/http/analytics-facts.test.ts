import { readFileSync } from 'node:fs';
import request from 'supertest';
import { addDays } from '../../src/calendar.js';
import { projectPath } from '../../src/paths.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { statement } from '../fixtures/xapi.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

/**
 * adoption_facts kept up to date through the real write paths: completions (issuance), xAPI
 * ingest (new days, replays, more statements on a known day) and revocation, plus the
 * migration's back-fill. The numbers the reports derive from the facts are checked against a
 * from-scratch computation in test/unit/analytics/adoption-equivalence.test.ts.
 */

const USAGE = { activities: ['https://tools.example/ide'], halfLifeDays: 30 };
const COMPLETED_AT = '2026-07-01T12:00:00Z';
const COMPLETED_DAY = '2026-07-01';

let ctx: TestContext;
let usageKey: string;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-11-02T10:00:00Z');
  await createCourseVia(ctx, ctx.acme, { id: 'intro-100' });
  await createCourseVia(ctx, ctx.acme, { id: 'tool-101', usage: USAGE });
  usageKey = (await request(ctx.app).post('/v1/usage-sources').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ name: 'IDE' }).expect(201)).body.apiKey;
});
afterAll(() => ctx.close());

const learner = (id: string) => ({ id, name: `Learner ${id}`, email: `${id}@example.com` });
const complete = async (id: string, courseId = 'tool-101') =>
  (await postCompletion(ctx, ctx.acme, { courseId, learner: learner(id), completedAt: COMPLETED_AT }).expect(201)).body.number as string;
/** One statement per offset (days after completion), as the learner's usage source sends them. */
const usageAt = (id: string, offsets: number[]) =>
  offsets.map((o) => statement({ actor: { mbox: `mailto:${id}@example.com` }, timestamp: `${addDays(COMPLETED_DAY, o)}T09:00:00Z` }));
const ingest = async (statements: unknown[]) =>
  (await request(ctx.app).post('/v1/usage/statements').set('Authorization', `Bearer ${usageKey}`).send(statements).expect(200)).body as { accepted: number };
const factsOf = (learnerId: string) =>
  ctx.database.sqlite
    .prepare(`SELECT completed_day, revoked, first_use, last_use, hit30, hit60, hit90, active_days FROM adoption_facts
      WHERE tenant_id = ? AND course_id = 'tool-101' AND learner_id = ?`)
    .get(ctx.acme.tenant.id, learnerId);
const facts = (values: { first: number | null; last: number | null; hits: [number, number, number]; days: number; revoked?: number }) => ({
  completed_day: COMPLETED_DAY,
  revoked: values.revoked ?? 0,
  first_use: values.first,
  last_use: values.last,
  hit30: values.hits[0],
  hit60: values.hits[1],
  hit90: values.hits[2],
  active_days: values.days,
});

describe('adoption facts', () => {
  const OFFSETS = [-2, 0, 24, 61, 90];
  const EXPECTED = facts({ first: 0, last: 90, hits: [1, 0, 1], days: 4 });

  it('are built from usage stored before the certificate, and updated by usage after it, alike', async () => {
    await complete('early', 'intro-100'); // the learner exists, so their usage is matched before the tool-101 certificate
    expect((await ingest(usageAt('early', OFFSETS))).accepted).toBe(OFFSETS.length);
    expect(factsOf('early')).toBeUndefined();
    await complete('early');
    expect(factsOf('early')).toEqual(EXPECTED);

    await complete('late');
    expect(factsOf('late')).toEqual(facts({ first: null, last: null, hits: [0, 0, 0], days: 0 }));
    await ingest(usageAt('late', OFFSETS.slice(0, 2)));
    expect(factsOf('late')).toEqual(facts({ first: 0, last: 0, hits: [0, 0, 0], days: 1 }));
    await ingest(usageAt('late', OFFSETS.slice(2)));
    expect(factsOf('late')).toEqual(EXPECTED);
  });

  it('do not change on a replayed statement or another statement on a day already counted', async () => {
    const replayed = usageAt('replay', [30, 60]);
    await complete('replay');
    await ingest(replayed);
    const before = factsOf('replay');
    expect(before).toEqual(facts({ first: 30, last: 60, hits: [1, 1, 0], days: 2 }));
    await ingest([...replayed, ...usageAt('replay', [30])]);
    expect(factsOf('replay')).toEqual(before);
    const counted = ctx.database.sqlite.prepare("SELECT sum(statements) AS n FROM usage_days WHERE learner_id = 'replay'").get() as { n: number };
    expect(counted.n).toBe(3);
  });

  it('count a window hit exactly on each window edge and not a day outside', async () => {
    const edges: Array<[number, [number, number, number]]> = [
      [23, [0, 0, 0]], [24, [1, 0, 0]], [30, [1, 0, 0]], [31, [0, 0, 0]],
      [53, [0, 0, 0]], [54, [0, 1, 0]], [60, [0, 1, 0]], [61, [0, 0, 0]],
      [83, [0, 0, 0]], [84, [0, 0, 1]], [90, [0, 0, 1]], [91, [0, 0, 0]],
    ];
    for (const [offset] of edges) await complete(`edge${offset}`);
    await complete('before');
    await ingest([...edges.flatMap(([offset]) => usageAt(`edge${offset}`, [offset])), ...usageAt('before', [-1])]);
    for (const [offset, hits] of edges) expect(factsOf(`edge${offset}`)).toEqual(facts({ first: offset, last: offset, hits, days: 1 }));
    expect(factsOf('before')).toEqual(facts({ first: null, last: null, hits: [0, 0, 0], days: 0 }));
  });

  it('follow revocation, which takes the completion out of the report', async () => {
    const report = async () => (await request(ctx.app).get('/v1/analytics/adoption?courseId=tool-101').set('Authorization', `Bearer ${ctx.acme.apiKey}`).expect(200)).body;
    const [before] = (await report()).groups;
    const number = await complete('revoked');
    await ingest(usageAt('revoked', [84]));
    const [counted] = (await report()).groups;
    expect([counted.completions, counted.adoption.d90.active]).toEqual([before.completions + 1, before.adoption.d90.active + 1]);
    await request(ctx.app).post(`/v1/certificates/${number}/revoke`).set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ reason: 'issued in error' }).expect(200);
    expect(factsOf('revoked')).toEqual(facts({ first: 84, last: 84, hits: [0, 0, 1], days: 1, revoked: 1 }));
    expect((await report()).groups[0]).toEqual(before);
  });

  it('are rebuilt identically by the back-fill of the migration that introduced them', () => {
    const { sqlite } = ctx.database;
    const backFill = readFileSync(projectPath('drizzle/0007_adoption_facts.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .find((part) => /^INSERT INTO `adoption_facts`/m.test(part) && !/CREATE TRIGGER/.test(part))!;
    const all = () => sqlite.prepare('SELECT * FROM adoption_facts ORDER BY tenant_id, course_id, learner_id').all();
    const maintained = all();
    expect(maintained.length).toBeGreaterThan(15);
    sqlite.transaction(() => {
      sqlite.exec('DELETE FROM adoption_facts');
      sqlite.exec(backFill);
    })();
    expect(all()).toEqual(maintained);
  });
});
