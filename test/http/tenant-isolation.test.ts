import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let acmeNumber: string;
beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme);
  acmeNumber = (await postCompletion(ctx, ctx.acme)).body.number;
});
afterAll(() => ctx.close());

const asGlobex = () => ({ Authorization: `Bearer ${ctx.globex.apiKey}` });

describe('tenant isolation across every /v1 route', () => {
  it('globex cannot see acme courses', async () => {
    expect((await request(ctx.app).get('/v1/courses').set(asGlobex())).body.items).toEqual([]);
    expect((await request(ctx.app).get('/v1/courses/py-101').set(asGlobex())).status).toBe(404);
  });

  it('globex cannot change acme courses', async () => {
    expect((await request(ctx.app).patch('/v1/courses/py-101').set(asGlobex()).send({ name: 'Hijacked' })).status).toBe(404);
    const acme = await request(ctx.app).get('/v1/courses/py-101').set('Authorization', `Bearer ${ctx.acme.apiKey}`);
    expect(acme.body.name.en).toBe('Python 101');
  });

  it('globex may create a course with the same id without touching acme', async () => {
    await createCourseVia(ctx, ctx.globex, { name: 'Globex Python' });
    const acme = await request(ctx.app).get('/v1/courses/py-101').set('Authorization', `Bearer ${ctx.acme.apiKey}`);
    expect(acme.body.name.en).toBe('Python 101');
  });

  it('globex cannot list, read or revoke acme certificates', async () => {
    expect((await request(ctx.app).get('/v1/certificates').set(asGlobex())).body.items).toEqual([]);
    expect((await request(ctx.app).get(`/v1/certificates/${acmeNumber}`).set(asGlobex())).status).toBe(404);
    expect((await request(ctx.app).post(`/v1/certificates/${acmeNumber}/revoke`).set(asGlobex()).send({ reason: 'x' })).status).toBe(404);
  });

  it('a globex completion for the same learner and course id issues a separate globex certificate', async () => {
    const res = await postCompletion(ctx, ctx.globex);
    expect(res.status).toBe(201);
    expect(res.body.number).not.toBe(acmeNumber);
    const verify = await request(ctx.app).get(`/verify/${res.body.number}`).set('Accept', 'application/json');
    expect(verify.body.issuer.name).toBe('Globex Learning');
    const acmeVerify = await request(ctx.app).get(`/verify/${acmeNumber}`).set('Accept', 'application/json');
    expect(acmeVerify.body.issuer.name).toBe('Acme Corp');
  });

  it('a webhook signed with globex\'s secret cannot post as acme', async () => {
    const { signWebhook } = await import('../../src/security/webhook-signature.js');
    const raw = JSON.stringify({ courseId: 'py-101', learner: { id: 'x', name: 'X' }, completedAt: '2026-11-01T00:00:00Z' });
    const res = await request(ctx.app)
      .post('/v1/completions')
      .set('Content-Type', 'application/json')
      .set('Credence-Tenant', 'acme')
      .set('Credence-Signature', signWebhook(ctx.globex.webhookSecret, raw, ctx.clock.now()))
      .send(raw);
    expect(res.status).toBe(401);
  });

  it("globex cannot find acme certificates by learner id, nor list acme's usage sources", async () => {
    const acme = { Authorization: `Bearer ${ctx.acme.apiKey}` };
    const learnerId = (await request(ctx.app).get(`/v1/certificates/${acmeNumber}`).set(acme)).body.learner.id as string;
    const globexByLearner = await request(ctx.app).get(`/v1/certificates?learnerId=${learnerId}`).set(asGlobex());
    expect(globexByLearner.body.items.map((c: { number: string }) => c.number)).not.toContain(acmeNumber);
    await request(ctx.app).post('/v1/usage-sources').set(acme).send({ name: 'Acme IDE telemetry' }).expect(201);
    await request(ctx.app).post('/v1/usage-sources').set(asGlobex()).send({ name: 'Globex LRS' }).expect(201);
    const names = async (headers: Record<string, string>) =>
      ((await request(ctx.app).get('/v1/usage-sources').set(headers)).body.items as Array<{ name: string }>).map((s) => s.name);
    expect(await names(asGlobex())).toEqual(['Globex LRS']);
    expect(await names(acme)).toEqual(['Acme IDE telemetry']);
  });
});
