import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
const numbers: string[] = [];
beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme);
  await createCourseVia(ctx, ctx.acme, { id: 'js-101', name: 'JavaScript 101' });
  for (const [courseId, learnerId] of [['py-101', 'l1'], ['py-101', 'l2'], ['js-101', 'l1']]) {
    ctx.clock.advanceDays(0.01);
    const res = await postCompletion(ctx, ctx.acme, { courseId, learner: { id: learnerId, name: `Learner ${learnerId}` } });
    numbers.push(res.body.number);
  }
});
afterAll(() => ctx.close());

const auth = () => ({ Authorization: `Bearer ${ctx.acme.apiKey}` });

describe('/v1/certificates', () => {
  it('gets one certificate by number', async () => {
    const res = await request(ctx.app).get(`/v1/certificates/${numbers[0]}`).set(auth()).expect(200);
    expect(res.body).toMatchObject({ number: numbers[0], status: 'valid', course: { id: 'py-101' }, learner: { id: 'l1' } });
  });

  it('pages through all certificates with a cursor, in issue order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/certificates?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await request(ctx.app).get(url).set(auth()).expect(200);
      seen.push(...res.body.items.map((c: { number: string }) => c.number));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(numbers);
  });

  it('filters by course and by learner', async () => {
    const byCourse = await request(ctx.app).get('/v1/certificates?courseId=js-101').set(auth()).expect(200);
    expect(byCourse.body.items.map((c: { number: string }) => c.number)).toEqual([numbers[2]]);
    const byLearner = await request(ctx.app).get('/v1/certificates?learnerId=l1').set(auth()).expect(200);
    expect(byLearner.body.items).toHaveLength(2);
  });

  it('rejects a bad cursor and a bad limit', async () => {
    expect((await request(ctx.app).get('/v1/certificates?cursor=zzz').set(auth())).body.code).toBe('invalid_cursor');
    const res = await request(ctx.app).get('/v1/certificates?limit=1000').set(auth());
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('limit');
  });

  it('answers 404 for another tenant\'s number and for unknown numbers', async () => {
    const other = await request(ctx.app).get(`/v1/certificates/${numbers[0]}`).set('Authorization', `Bearer ${ctx.globex.apiKey}`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('certificate_not_found');
    expect((await request(ctx.app).get('/v1/certificates/not-a-number').set(auth())).status).toBe(404);
  });

  it('revokes idempotently, keeping the first reason and date', async () => {
    const first = await request(ctx.app).post(`/v1/certificates/${numbers[1]}/revoke`).set(auth()).send({ reason: 'Issued in error' }).expect(200);
    expect(first.body).toMatchObject({ status: 'revoked', revocationReason: 'Issued in error', revokedAt: ctx.clock.now().toISOString() });
    ctx.clock.advanceDays(1);
    const again = await request(ctx.app).post(`/v1/certificates/${numbers[1]}/revoke`).set(auth()).send({ reason: 'Other reason' }).expect(200);
    expect(again.body.revocationReason).toBe('Issued in error');
    expect(again.body.revokedAt).toBe(first.body.revokedAt);
  });

  it('validates the revoke body and scopes revocation to the tenant', async () => {
    const noReason = await request(ctx.app).post(`/v1/certificates/${numbers[0]}/revoke`).set(auth()).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const other = await request(ctx.app)
      .post(`/v1/certificates/${numbers[0]}/revoke`)
      .set('Authorization', `Bearer ${ctx.globex.apiKey}`)
      .send({ reason: 'hostile' });
    expect(other.status).toBe(404);
    const still = await request(ctx.app).get(`/v1/certificates/${numbers[0]}`).set(auth()).expect(200);
    expect(still.body.status).toBe('valid');
  });
});
