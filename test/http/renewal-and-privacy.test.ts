import { createHash } from 'node:crypto';
import request from 'supertest';
import { updateTenantSettings } from '../../src/db/tenants-repository.js';
import { RENEWAL_GRACE_DAYS, renewCredentials, type RenewalReport } from '../../src/issuance/renew-credentials.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { dailyStatements } from '../fixtures/xapi.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let active: { number: string; links: { privacy: string } };
let idle: { number: string };

const deps = (c: TestContext = ctx) => ({ db: c.database.db, usageLog: c.database.usageLog, now: c.clock.now, masterKey: c.masterKey, signer: c.signer, publicUrl: c.publicUrl });
const verifyJson = async (number: string, c: TestContext = ctx) =>
  (await request(c.app).get(`/verify/${number}`).set('Accept', 'application/json').expect(200)).body;
const postUsage = async (c: TestContext, email: string, lastDay: string, days: number) =>
  request(c.app)
    .post('/v1/usage/statements')
    .set('Authorization', `Bearer ${c.acme.apiKey}`)
    .send(dailyStatements(lastDay, days, { actor: { mbox: `mailto:${email}` } }))
    .expect(200);

beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme, { validityMonths: 12, usage: { activities: ['https://tools.example/ide'], halfLifeDays: 30 } });
  active = (await postCompletion(ctx, ctx.acme, { learner: { id: 'active', name: 'Active Learner', email: 'active@example.com' } })).body;
  idle = (await postCompletion(ctx, ctx.acme, { learner: { id: 'idle', name: 'Idle Learner', email: 'idle@example.com' } })).body;
});
afterAll(() => ctx.close());

describe('renewal', () => {
  it('renews a credential near its end while usage is Current, leaving idle ones to expire', async () => {
    ctx.clock.set('2027-10-15T10:00:00Z');
    await request(ctx.app)
      .post('/v1/usage/statements')
      .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
      .send(dailyStatements('2027-10-15', 20, { actor: { mbox: 'mailto:active@example.com' } }))
      .expect(200);
    const report = await renewCredentials(deps());
    expect(report.renewed).toEqual([active.number]);
    expect(report.notRenewed).toEqual([{ number: idle.number, reason: 'usage_no_evidence' }]);

    const renewed = await verifyJson(active.number);
    expect(renewed).toMatchObject({ status: 'valid', version: 2, validUntil: '2028-11-01T12:00:00Z' });
    expect(renewed.previousVersions).toEqual([
      { version: 1, url: `${ctx.publicUrl}/credentials/${active.number}/versions/1`, validFrom: '2026-11-01T12:00:00Z', validUntil: '2027-11-01T12:00:00Z' },
    ]);
    expect(renewed.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);

    const current = JSON.parse((await request(ctx.app).get(`/credentials/${active.number}`).expect(200)).text);
    expect(current.id).toBe(`${ctx.publicUrl}/credentials/${active.number}/versions/2`);
    expect(current.validFrom).toBe('2027-10-15T10:00:00Z');
    const v1 = (await request(ctx.app).get(`/credentials/${active.number}/versions/1`).expect(200)).text;
    expect(current.relatedResource).toEqual([
      { id: `${ctx.publicUrl}/credentials/${active.number}/versions/1`, digestSRI: `sha384-${createHash('sha384').update(v1).digest('base64')}` },
    ]);
    expect((await request(ctx.app).post('/v1/verify').set('Content-Type', 'application/ld+json').send(v1).expect(200)).body.checks.find((c: { check: string }) => c.check === 'signature').ok).toBe(true);
    const page = (await request(ctx.app).get(`/verify/${active.number}`).expect(200)).text;
    expect(page).toContain('Renewals');
    expect(page).toContain('Version 2');
  });

  it('does not renew twice, and the idle credential expires on time', async () => {
    expect((await renewCredentials(deps())).renewed).toEqual([]);
    ctx.clock.set('2027-11-02T10:00:00Z');
    expect((await verifyJson(idle.number)).status).toBe('expired');
    expect((await verifyJson(active.number)).status).toBe('valid');
    expect((await request(ctx.app).get(`/credentials/${active.number}/versions/9`)).status).toBe(404);
  });
});

describe('renewal after the end of validity (grace period)', () => {
  // Its own app: every credential here ends at 2027-11-01T12:00:00Z (completed 2026-11-01, 12 months).
  let late: TestContext;
  let missed: { number: string };
  let afterEnd: { number: string };
  let longExpired: { number: string };
  let lateRun: RenewalReport;
  const END = '2027-11-01T12:00:00Z';

  beforeAll(async () => {
    late = await createTestContext();
    await createCourseVia(late, late.acme, { validityMonths: 12, usage: { activities: ['https://tools.example/ide'], halfLifeDays: 30 } });
    const complete = async (id: string) =>
      (await postCompletion(late, late.acme, { learner: { id, name: `Learner ${id}`, email: `${id}@example.com` } })).body as { number: string };
    missed = await complete('missed');
    afterEnd = await complete('after-end');
    longExpired = await complete('long-expired');
  });
  afterAll(() => late.close());

  it('renews a Current credential whose end passed within the grace period (missed runs), continuing from its old validUntil', async () => {
    late.clock.set('2027-10-29T10:00:00Z');
    await postUsage(late, 'missed@example.com', '2027-10-29', 20);
    // The server is down until a week after the end; the first run is late but within the grace.
    late.clock.set('2027-11-08T10:00:00Z');
    expect(RENEWAL_GRACE_DAYS).toBeGreaterThanOrEqual(7);
    await postUsage(late, 'after-end@example.com', '2027-11-08', 7);
    lateRun = await renewCredentials(deps(late));
    expect(lateRun.renewed).toEqual([missed.number]);

    const renewed = await verifyJson(missed.number, late);
    expect(renewed).toMatchObject({ status: 'valid', version: 2, validUntil: '2028-11-01T12:00:00Z' });
    expect(renewed.previousVersions).toEqual([expect.objectContaining({ version: 1, validUntil: END })]);
    expect(renewed.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    const current = JSON.parse((await request(late.app).get(`/credentials/${missed.number}`).expect(200)).text);
    // No gap between the versions: version 2 starts where version 1 ended.
    expect(current).toMatchObject({ validFrom: END, validUntil: '2028-11-01T12:00:00Z' });
  });

  it('decides a late run on usage at the end of validity: use that starts only after the end does not renew', async () => {
    expect(lateRun.notRenewed).toEqual(
      expect.arrayContaining([
        { number: afterEnd.number, reason: 'usage_no_evidence' },
        { number: longExpired.number, reason: 'usage_no_evidence' },
      ]),
    );
    expect(await verifyJson(afterEnd.number, late)).toMatchObject({ status: 'expired', version: 1, validUntil: END, usage: { state: 'current' } });
  });

  it('leaves a credential that ended before the grace period expired, even with fresh Current usage', async () => {
    late.clock.set('2028-03-01T10:00:00Z');
    await postUsage(late, 'long-expired@example.com', '2028-03-01', 20);
    expect(await renewCredentials(deps(late))).toEqual({ checked: 0, renewed: [], notRenewed: [] });

    const json = await verifyJson(longExpired.number, late);
    expect(json).toMatchObject({ status: 'expired', version: 1, validUntil: END, previousVersions: [], usage: { state: 'current' } });
    const page = (await request(late.app).get(`/verify/${longExpired.number}`).expect(200)).text;
    expect(page).toContain('Expired on');
    expect(page).not.toContain('Version 2');
    expect((await request(late.app).get(`/credentials/${longExpired.number}/versions/2`)).status).toBe(404);
  });
});

describe('privacy', () => {
  it('lets the learner hide usage evidence through the secret link', async () => {
    const link = new URL(active.links.privacy);
    expect(link.pathname).toBe(`/privacy/${active.number}`);
    const pageRes = await request(ctx.app).get(`${link.pathname}${link.search}`).expect(200);
    expect(pageRes.text).toContain('Hide usage evidence');
    const token = link.searchParams.get('token')!;
    await request(ctx.app).post(link.pathname).type('form').send({ token, hideUsage: 'true' }).expect(303);
    expect((await verifyJson(active.number)).usage).toBeNull();
    expect((await request(ctx.app).get(`/verify/${active.number}`)).text).toContain('has chosen not to show usage evidence');
    const json = await request(ctx.app).post(link.pathname).send({ token, hideUsage: false }).expect(200);
    expect(json.body).toEqual({ number: active.number, usageHidden: false });
    expect((await verifyJson(active.number)).usage).not.toBeNull();
  });

  it('refuses a wrong token with the same 404 as an unknown number', async () => {
    const wrong = await request(ctx.app).get(`/privacy/${active.number}?token=nope`);
    const unknown = await request(ctx.app).get('/privacy/0b7c2f9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f?token=nope');
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body.code).toBe(unknown.body.code);
    expect((await request(ctx.app).post(`/privacy/${active.number}`).send({ token: 'nope', hideUsage: true })).status).toBe(404);
  });

  it('hides usage evidence for every credential when the tenant turns it off', async () => {
    updateTenantSettings(ctx.database.db, ctx.acme.tenant.id, { usagePublic: false });
    expect((await verifyJson(active.number)).usage).toBeNull();
    updateTenantSettings(ctx.database.db, ctx.acme.tenant.id, { usagePublic: true });
  });
});
