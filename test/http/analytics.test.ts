import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { insertUsageDays, seedAdoptionScenario } from '../fixtures/usage-days.js';
import { statement } from '../fixtures/xapi.js';
import { createTestContext, type TestContext, type TestTenant } from '../helpers/test-app.js';

let ctx: TestContext;
let globexCertificate: string;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedAdoptionScenario(ctx, ctx.acme);
  // Globex reuses the same course and learner ids: none of it may leak into Acme's numbers.
  await createCourseVia(ctx, ctx.globex, { id: 'py-101' });
  await createCourseVia(ctx, ctx.globex, { id: 'gx-only' });
  globexCertificate = (await postCompletion(ctx, ctx.globex, { learner: { id: 'a1', name: 'Other A1' }, completedAt: '2026-07-01T12:00:00Z' }).expect(201)).body.number;
  insertUsageDays(ctx.database.db, { tenantId: ctx.globex.tenant.id, courseId: 'py-101', learnerId: 'a1', days: ['2026-07-28'] });
  insertUsageDays(ctx.database.db, { tenantId: ctx.globex.tenant.id, courseId: 'py-101', learnerId: 'a2', days: ['2026-07-28', '2026-08-27'] });
});
afterAll(() => ctx.close());

const get = (path: string, tenant: TestTenant = ctx.acme) => request(ctx.app).get(path).set('Authorization', `Bearer ${tenant.apiKey}`);
const p = (rate: number | null, active: number, eligible: number) => ({ rate, active, eligible });
const curve = (d30: object, d60: object, d90: object) => ({ d30, d60, d90 });

describe('GET /v1/analytics/adoption', () => {
  it('reports monthly cohorts of one course, counting only learners whose day N has passed', async () => {
    const res = await get('/v1/analytics/adoption?courseId=py-101').expect(200);
    expect(res.body).toEqual({
      courseId: 'py-101',
      groupBy: 'cohort',
      target: 0.4,
      asOf: '2026-11-02',
      groups: [
        { key: '2026-07', completions: 5, adoption: curve(p(0.4, 2, 5), p(0.2, 1, 5), p(0.4, 2, 5)), medianDaysToFirstUse: 12.5, neverUsed: 1, status: 'green', value: null },
        { key: '2026-09', completions: 2, adoption: curve(p(0.5, 1, 2), p(null, 0, 0), p(null, 0, 0)), medianDaysToFirstUse: 25, neverUsed: 1, status: 'pending', value: null },
        { key: '2026-10', completions: 1, adoption: curve(p(null, 0, 0), p(null, 0, 0), p(null, 0, 0)), medianDaysToFirstUse: 5, neverUsed: 0, status: 'pending', value: null },
      ],
    });
  });

  it('groups by team and by manager, with unrecorded ones last under a null key', async () => {
    const teams = await get('/v1/analytics/adoption?courseId=py-101&groupBy=team').expect(200);
    expect(teams.body.groups).toEqual([
      { key: 'Blue', completions: 4, adoption: curve(p(0.5, 2, 4), p(0.5, 1, 2), p(0.5, 1, 2)), medianDaysToFirstUse: 23, neverUsed: 1, status: 'green', value: null },
      { key: 'Red', completions: 2, adoption: curve(p(0.5, 1, 2), p(0, 0, 2), p(0, 0, 2)), medianDaysToFirstUse: 0, neverUsed: 1, status: 'red', value: null },
      { key: null, completions: 2, adoption: curve(p(0, 0, 1), p(0, 0, 1), p(1, 1, 1)), medianDaysToFirstUse: 46, neverUsed: 0, status: 'green', value: null },
    ]);
    const managers = await get('/v1/analytics/adoption?courseId=py-101&groupBy=manager').expect(200);
    expect(managers.body.groups.map((g: { key: string | null; status: string; medianDaysToFirstUse: number | null }) => [g.key, g.status, g.medianDaysToFirstUse])).toEqual([
      ['m1', 'green', 23],
      ['m2', 'red', 0],
      ['m3', 'pending', null],
      ['m4', 'pending', 5],
      [null, 'green', 87],
    ]);
    expect(managers.body.groups[0].adoption).toEqual(curve(p(2 / 3, 2, 3), p(0.5, 1, 2), p(0.5, 1, 2)));
  });

  it('filters completion days inclusively with from/to (amber when between half the target and the target)', async () => {
    const res = await get('/v1/analytics/adoption?courseId=py-101&from=2026-07-01&to=2026-07-19').expect(200);
    expect(res.body.groups).toEqual([
      { key: '2026-07', completions: 4, adoption: curve(p(0.5, 2, 4), p(0.25, 1, 4), p(0.25, 1, 4)), medianDaysToFirstUse: 2, neverUsed: 1, status: 'amber', value: null },
    ]);
    const inclusive = await get('/v1/analytics/adoption?courseId=py-101&from=2026-07-20&to=2026-07-20').expect(200);
    expect(inclusive.body.groups.map((g: { completions: number }) => g.completions)).toEqual([1]);
    const later = await get('/v1/analytics/adoption?courseId=py-101&from=2026-09-01').expect(200);
    expect(later.body.groups.map((g: { key: string }) => g.key)).toEqual(['2026-09', '2026-10']);
  });

  it('reports the whole tenant by course, each against its own target, with a labelled value estimate', async () => {
    const res = await get('/v1/analytics/adoption?groupBy=course').expect(200);
    expect(res.body).toMatchObject({ courseId: null, groupBy: 'course', target: 0.4 });
    expect(res.body.groups).toEqual([
      {
        key: 'ai-201', completions: 1, adoption: curve(p(1, 1, 1), p(1, 1, 1), p(null, 0, 0)), medianDaysToFirstUse: 0, neverUsed: 0, status: 'pending', target: 0.5,
        value: { estimate: true, activeDays: 3, minutesSavedPerActiveDay: 30, hourlyCost: 600, hoursSaved: 1.5, value: 900 },
      },
      { key: 'py-101', completions: 8, adoption: curve(p(3 / 7, 3, 7), p(0.2, 1, 5), p(0.4, 2, 5)), medianDaysToFirstUse: 14, neverUsed: 2, status: 'green', target: 0.4, value: null },
    ]);
    const cohorts = await get('/v1/analytics/adoption').expect(200);
    expect(cohorts.body.groups.map((g: { key: string; completions: number }) => [g.key, g.completions])).toEqual([['2026-07', 5], ['2026-08', 1], ['2026-09', 2], ['2026-10', 1]]);
    const ai = await get('/v1/analytics/adoption?courseId=ai-201').expect(200);
    expect(ai.body).toMatchObject({ target: 0.5, groups: [{ key: '2026-08', status: 'pending', value: { estimate: true, hoursSaved: 1.5, value: 900 } }] });
  });

  it('returns the same numbers as CSV for Accept: text/csv and ?format=csv', async () => {
    const json = await get('/v1/analytics/adoption?courseId=py-101&groupBy=team').expect(200);
    const csv = await get('/v1/analytics/adoption?courseId=py-101&groupBy=team').set('Accept', 'text/csv').expect(200);
    expect(csv.type).toBe('text/csv');
    expect(csv.headers['content-disposition']).toContain('adoption-team-py-101.csv');
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    const num = (s: string | undefined) => (s === '' || s === undefined ? null : Number(s));
    expect(rows.map((r) => ({
      key: r.key === '' ? null : r.key,
      completions: num(r.completions),
      adoption: curve(p(num(r.d30_rate), Number(r.d30_active), Number(r.d30_eligible)), p(num(r.d60_rate), Number(r.d60_active), Number(r.d60_eligible)), p(num(r.d90_rate), Number(r.d90_active), Number(r.d90_eligible))),
      medianDaysToFirstUse: num(r.median_days_to_first_use),
      neverUsed: num(r.never_used),
      status: r.status,
      value: null,
    }))).toEqual(json.body.groups);
    const byFormat = await get('/v1/analytics/adoption?courseId=py-101&groupBy=team&format=csv').expect(200);
    expect(byFormat.text).toBe(csv.text);
  });

  it('keeps tenants apart: same ids, own numbers only', async () => {
    const acme = await get('/v1/analytics/adoption?courseId=py-101&from=2026-07-01&to=2026-07-31').expect(200);
    expect(acme.body.groups[0].adoption.d30).toEqual(p(0.4, 2, 5));
    const globex = await get('/v1/analytics/adoption?courseId=py-101', ctx.globex).expect(200);
    expect(globex.body.groups).toEqual([
      { key: '2026-07', completions: 1, adoption: curve(p(1, 1, 1), p(0, 0, 1), p(0, 0, 1)), medianDaysToFirstUse: 27, neverUsed: 0, status: 'red', value: null },
    ]);
    const foreign = await get('/v1/analytics/adoption?courseId=gx-only').expect(404);
    expect(foreign.body.code).toBe('course_not_found');
  });

  it('refuses bad input with problem+json naming the field', async () => {
    const cases: [string, string][] = [
      ['groupBy=week', 'groupBy'],
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-08-01&to=2026-07-01', 'to'],
      ['courseId=bad%20id', 'courseId'],
      ['format=xml', 'format'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/v1/analytics/adoption?${query}`).expect(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field })] });
    }
    await get('/v1/analytics/adoption?courseId=nope').expect(404);
    await request(ctx.app).get('/v1/analytics/adoption').expect(401);
  });
});

describe('GET /v1/analytics/managers and /follow-up', () => {
  it('says per manager whether a report used the skill in the last 7 days, beside the team adoption', async () => {
    // Today 2026-11-02, the week 10-27..11-02. m1: b1 last used 10-30 (a1 09-23, a2 09-30); m2: a4 last
    // 07-31, a3 never; m3: b2 never; m4: c1 last 10-25, 8 days ago (day 30 not reached, still a report).
    const res = await get('/v1/analytics/managers?courseId=py-101').expect(200);
    expect(res.body).toMatchObject({ courseId: 'py-101', target: 0.4, asOf: '2026-11-02' });
    expect(res.body.managers.map((m: { managerId: string; activated: boolean; activation: object; completions: number }) => [m.managerId, m.completions, m.activated, m.activation])).toEqual([
      ['m1', 3, true, { active: 1, eligible: 3 }],
      ['m2', 2, false, { active: 0, eligible: 2 }],
      ['m3', 1, false, { active: 0, eligible: 1 }],
      ['m4', 1, false, { active: 0, eligible: 1 }],
    ]);
    expect(res.body.managers[1]).toMatchObject({ adoption: curve(p(0.5, 1, 2), p(0, 0, 2), p(0, 0, 2)), status: 'red', neverUsed: 1 });
    const csv = parse((await get('/v1/analytics/managers?courseId=py-101&format=csv').expect(200)).text, { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.manager_id, r.activated, r.activation_active, r.activation_eligible, r.d90_rate])).toEqual([
      ['m1', 'true', '1', '3', '0.5'], ['m2', 'false', '0', '2', '0'], ['m3', 'false', '0', '1', ''], ['m4', 'false', '0', '1', ''],
    ]);
    // The whole tenant: a1 also completed ai-201 (last used 10-10); m1 still has three reports, one active.
    const all = await get('/v1/analytics/managers').expect(200);
    expect(all.body.managers[0]).toMatchObject({ managerId: 'm1', completions: 4, activated: true, activation: { active: 1, eligible: 3 } });
  });

  it('lists learners not using the skill 30 days after completion, by manager', async () => {
    const res = await get('/v1/analytics/follow-up?courseId=py-101').expect(200);
    expect(res.body).toMatchObject({ courseId: 'py-101', asOf: '2026-11-02', total: 6 });
    expect(res.body.items.map((i: { learnerId: string; reason: string; lastActiveDay: string | null }) => [i.learnerId, i.reason, i.lastActiveDay])).toEqual([
      ['a1', 'lapsed', '2026-09-23'],
      ['a2', 'lapsed', '2026-09-30'],
      ['a3', 'never_used', null],
      ['a4', 'lapsed', '2026-07-31'],
      ['b2', 'never_used', null],
      ['a5', 'lapsed', '2026-10-15'],
    ]);
    expect(res.body.items[1]).toEqual({
      learnerId: 'a2', name: 'Learner A2', email: 'a2@example.com', team: 'Blue', managerId: 'm1', courseId: 'py-101',
      completedOn: '2026-07-01', daysSinceCompletion: 124, lastActiveDay: '2026-09-30', reason: 'lapsed',
    });
    const limited = await get('/v1/analytics/follow-up?limit=2').expect(200);
    expect(limited.body).toMatchObject({ total: 7, items: [{ learnerId: 'a1', courseId: 'py-101' }, { learnerId: 'a2' }] });
    const csv = parse((await get('/v1/analytics/follow-up?courseId=py-101').set('Accept', 'text/csv').expect(200)).text, { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.learner_id, r.days_since_completion, r.reason])).toEqual(res.body.items.map((i: { learnerId: string; daysSinceCompletion: number; reason: string }) => [i.learnerId, String(i.daysSinceCompletion), i.reason]));
    await get('/v1/analytics/follow-up?limit=0').expect(400);
    expect((await get('/v1/analytics/follow-up', ctx.globex).expect(200)).body.items.map((i: { learnerId: string }) => i.learnerId)).toEqual(['a1']);
  });
});

describe('revoked certificates', () => {
  it('no longer count as completions anywhere', async () => {
    await request(ctx.app).post(`/v1/certificates/${globexCertificate}/revoke`).set('Authorization', `Bearer ${ctx.globex.apiKey}`).send({ reason: 'issued in error' }).expect(200);
    expect((await get('/v1/analytics/adoption?courseId=py-101', ctx.globex).expect(200)).body.groups).toEqual([]);
    expect((await get('/v1/analytics/follow-up', ctx.globex).expect(200)).body).toMatchObject({ total: 0, items: [] });
  });
});

/**
 * Manager activation on its own hand-computed team (own app and database, so the scenario above is
 * untouched). Rule: a direct report is weekly-active on day T when they have an active day in
 * T − 6 … T (today and the 6 days before it), on or after completing a course in scope.
 * Today is 2026-11-02 unless a test moves the clock; windows below are worked out by hand.
 * - mA: r1 completed 09-20, used 10-15 and 10-20 (day 30 window 10-14..10-20); r2 completed 07-01,
 *   used 07-28 (day 30) and 09-27 (day 90 window 09-23..09-29), 36 days ago. Both were active at
 *   their latest checkpoint; neither in the last 7 days.
 * - mB: r3 completed 08-01, never used; r4 completed 07-15, used 10-30 (3 days ago).
 * - mC: r5 and r6 completed 06-01; r5 used 10-27 (6 days before 11-02), r6 10-26 (7 days before).
 * - mD: r7 completed 10-31, used 10-29 and 10-30 only, during the course (before completion).
 * - mE: r8 completed 10-28 (day 30 not reached), used 10-29 and 11-02 (today).
 * - mF: r9 completed ops-101 and ops-202 on 07-01; used ops-101 on 08-01, ops-202 on 10-30.
 */
describe('manager activation: a direct report active in the 7 days ending today', () => {
  let own: TestContext;
  const IDE = 'https://tools.example/ide';
  const SHEETS = 'https://tools.example/sheets';
  const TEAM: { id: string; managerId: string; courseId: string; completedOn: string; days: string[] }[] = [
    { id: 'r1', managerId: 'mA', courseId: 'ops-101', completedOn: '2026-09-20', days: ['2026-10-15', '2026-10-20'] },
    { id: 'r2', managerId: 'mA', courseId: 'ops-101', completedOn: '2026-07-01', days: ['2026-07-28', '2026-09-27'] },
    { id: 'r3', managerId: 'mB', courseId: 'ops-101', completedOn: '2026-08-01', days: [] },
    { id: 'r4', managerId: 'mB', courseId: 'ops-101', completedOn: '2026-07-15', days: ['2026-10-30'] },
    { id: 'r5', managerId: 'mC', courseId: 'ops-101', completedOn: '2026-06-01', days: ['2026-10-27'] },
    { id: 'r6', managerId: 'mC', courseId: 'ops-101', completedOn: '2026-06-01', days: ['2026-10-26'] },
    { id: 'r7', managerId: 'mD', courseId: 'ops-101', completedOn: '2026-10-31', days: ['2026-10-29', '2026-10-30'] },
    { id: 'r8', managerId: 'mE', courseId: 'ops-101', completedOn: '2026-10-28', days: ['2026-10-29', '2026-11-02'] },
    { id: 'r9', managerId: 'mF', courseId: 'ops-101', completedOn: '2026-07-01', days: ['2026-08-01'] },
    { id: 'r9', managerId: 'mF', courseId: 'ops-202', completedOn: '2026-07-01', days: ['2026-10-30'] },
  ];
  beforeAll(async () => {
    own = await createTestContext({ now: '2026-11-02T10:00:00Z' });
    await createCourseVia(own, own.acme, { id: 'ops-101', usage: { activities: [IDE] } });
    await createCourseVia(own, own.acme, { id: 'ops-202', usage: { activities: [SHEETS] } });
    const usageKey = (await request(own.app).post('/v1/usage-sources').set('Authorization', `Bearer ${own.acme.apiKey}`).send({ name: 'Tools' }).expect(201)).body.apiKey as string;
    for (const r of TEAM) {
      const learner = { id: r.id, name: `Report ${r.id}`, email: `${r.id}@example.com`, managerId: r.managerId };
      await postCompletion(own, own.acme, { courseId: r.courseId, learner, completedAt: `${r.completedOn}T12:00:00Z` }).expect(201);
    }
    const statements = TEAM.flatMap((r) => r.days.map((day) => statement({
      actor: { mbox: `mailto:${r.id}@example.com` },
      object: { objectType: 'Activity', id: `${r.courseId === 'ops-101' ? IDE : SHEETS}/session/1` },
      timestamp: `${day}T09:00:00Z`,
    })));
    const ingested = await request(own.app).post('/v1/usage/statements').set('Authorization', `Bearer ${usageKey}`).send(statements).expect(200);
    expect(ingested.body.accepted).toBe(statements.length);
  });
  afterAll(() => own.close());
  beforeEach(() => own.clock.set('2026-11-02T10:00:00Z'));

  const managers = async (query = 'courseId=ops-101') => {
    const res = await request(own.app).get(`/v1/analytics/managers?${query}`).set('Authorization', `Bearer ${own.acme.apiKey}`).expect(200);
    return Object.fromEntries(res.body.managers.map((m: { managerId: string; activated: boolean; activation: { active: number; eligible: number } }) => [m.managerId, [m.activated, m.activation.active, m.activation.eligible]]));
  };

  it('(a) does not activate a manager whose reports were active at day 30 and 90 but not in the last 7 days', async () => {
    const res = await request(own.app).get('/v1/analytics/managers?courseId=ops-101').set('Authorization', `Bearer ${own.acme.apiKey}`).expect(200);
    const mA = res.body.managers.find((m: { managerId: string }) => m.managerId === 'mA');
    // The team's adoption is still the checkpoint metric: r1 and r2 active at day 30, r2 at day 90.
    expect(mA).toEqual({
      managerId: 'mA', completions: 2, activated: false, activation: { active: 0, eligible: 2 },
      adoption: curve(p(1, 2, 2), p(0, 0, 1), p(1, 1, 1)), medianDaysToFirstUse: 26, neverUsed: 0, status: 'green',
    });
  });

  it('(b) activates a manager when one report used the skill 3 days ago, and agrees with the follow-up list', async () => {
    expect(await managers()).toEqual({
      mA: [false, 0, 2],
      mB: [true, 1, 2],
      mC: [true, 1, 2],
      mD: [false, 0, 1], // usage before completion does not count
      mE: [true, 1, 1], // a report before day 30 counts; today is in the window
      mF: [false, 0, 1], // only ops-101 usage counts for ops-101
    });
    // Everyone past day 30 and not counted active above is on the follow-up list, and nobody else.
    const followUp = await request(own.app).get('/v1/analytics/follow-up?courseId=ops-101').set('Authorization', `Bearer ${own.acme.apiKey}`).expect(200);
    expect(followUp.body.items.map((i: { managerId: string; learnerId: string }) => [i.managerId, i.learnerId])).toEqual([
      ['mA', 'r2'], ['mA', 'r1'], ['mB', 'r3'], ['mC', 'r6'], ['mF', 'r9'],
    ]);
  });

  it('(c) counts a day exactly 6 days before today, not 7: the window is today and the 6 days before it', async () => {
    expect((await managers()).mC).toEqual([true, 1, 2]); // 11-02: r5's 10-27 is 6 days ago, r6's 10-26 is 7
    own.clock.set('2026-11-03T00:00:00Z');
    expect(await managers()).toMatchObject({ mB: [true, 1, 2], mC: [false, 0, 2], mE: [true, 1, 1] }); // r4 10-30, r8 11-02 still in
    own.clock.set('2026-11-01T23:59:59Z');
    // A clock before r8's last day (11-02): only days up to today count, and r8's 10-29 is one.
    expect(await managers()).toMatchObject({ mC: [true, 2, 2], mE: [true, 1, 1] });
    own.clock.set('2026-11-06T12:00:00Z');
    expect(await managers()).toMatchObject({ mB: [false, 0, 2], mE: [true, 1, 1] }); // r4's 10-30 is 7 days before 11-06
  });

  it('counts a report once across courses for the whole tenant, active in any course they completed', async () => {
    const res = await request(own.app).get('/v1/analytics/managers').set('Authorization', `Bearer ${own.acme.apiKey}`).expect(200);
    expect(res.body.courseId).toBeNull();
    expect(res.body.managers.find((m: { managerId: string }) => m.managerId === 'mF')).toMatchObject({ completions: 2, activated: true, activation: { active: 1, eligible: 1 } });
    const csv = parse((await request(own.app).get('/v1/analytics/managers?format=csv').set('Authorization', `Bearer ${own.acme.apiKey}`).expect(200)).text, { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.manager_id, r.activated, r.activation_active, r.activation_eligible])).toEqual([
      ['mA', 'false', '0', '2'], ['mB', 'true', '1', '2'], ['mC', 'true', '1', '2'], ['mD', 'false', '0', '1'], ['mE', 'true', '1', '1'], ['mF', 'true', '1', '1'],
    ]);
  });
});
