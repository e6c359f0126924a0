import { createHash } from 'node:crypto';
import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { statement } from '../fixtures/xapi.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let usageKey: string;


const USAGE = { activities: ['https://tools.example/ide'], halfLifeDays: 30 };

beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme, { usage: USAGE });
  await createCourseVia(ctx, ctx.globex, { usage: USAGE });
  await postCompletion(ctx, ctx.acme, { learner: { id: 'l1', name: 'Åse Ødegård', email: 'Ase@Example.com' } });
  await postCompletion(ctx, ctx.globex, { learner: { id: 'g1', name: 'Globex Learner', email: 'ase@example.com' } });
  const source = await request(ctx.app)
    .post('/v1/usage-sources')
    .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
    .send({ name: 'IDE telemetry' })
    .expect(201);
  usageKey = source.body.apiKey;
});
afterAll(() => ctx.close());

const ingest = (body: unknown, key = usageKey) =>
  request(ctx.app).post('/v1/usage/statements').set('Authorization', `Bearer ${key}`).send(body as object);
const usageDays = (tenantId: string) =>
  ctx.database.sqlite.prepare('select learner_id, course_id, day, statements from usage_days where tenant_id = ? order by day').all(tenantId);

describe('usage sources', () => {
  it('lists sources and gives each a usage-only key', async () => {
    const list = await request(ctx.app).get('/v1/usage-sources').set('Authorization', `Bearer ${ctx.acme.apiKey}`).expect(200);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(['IDE telemetry']);
    const forbidden = await request(ctx.app).get('/v1/courses').set('Authorization', `Bearer ${usageKey}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('insufficient_scope');
  });
});

describe('POST /v1/usage/statements', () => {
  const first = statement({ timestamp: '2026-11-01T23:30:00+01:00' });

  it('accepts a statement and keeps only the active day', async () => {
    const res = await ingest(first).expect(200);
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, unmatched: 0, rejected: [] });
    expect(usageDays(ctx.acme.tenant.id)).toEqual([{ learner_id: 'l1', course_id: 'py-101', day: '2026-11-01', statements: 1 }]);
    const stored = JSON.stringify(ctx.database.sqlite.prepare('select * from usage_statements').all());
    expect(stored).not.toContain('tools.example');
    expect(stored).not.toContain(first.id);
  });

  it('treats a replay as a duplicate that changes nothing', async () => {
    const before = usageDays(ctx.acme.tenant.id);
    const res = await ingest([first, first]).expect(200);
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(usageDays(ctx.acme.tenant.id)).toEqual(before);
  });

  it('answers 409 for a known id with different content and writes nothing of the batch', async () => {
    const before = usageDays(ctx.acme.tenant.id);
    const fresh = statement({ timestamp: '2026-10-20T10:00:00Z' });
    const res = await ingest([fresh, { ...first, object: { id: 'https://tools.example/ide/other' } }]);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('statement_conflict');
    expect(usageDays(ctx.acme.tenant.id)).toEqual(before);
  });

  it('matches learners by mbox_sha1sum and by account name, and counts unmatched', async () => {
    const sha1 = createHash('sha1').update('mailto:ase@example.com').digest('hex');
    const res = await ingest([
      statement({ actor: { mbox_sha1sum: sha1 }, timestamp: '2026-10-30T10:00:00Z' }),
      statement({ actor: { account: { homePage: 'https://lms.example', name: 'l1' } }, timestamp: '2026-10-29T10:00:00Z' }),
      statement({ actor: { mbox: 'mailto:stranger@example.com' } }),
      statement({ object: { id: 'https://other.example/tool' } }),
    ]).expect(200);
    expect(res.body).toMatchObject({ accepted: 2, unmatched: 2, rejected: [] });
  });

  it('rejects invalid statements by index and still accepts the valid ones', async () => {
    const res = await ingest([
      statement({ actor: { mbox: 'mailto:ase@example.com', account: { homePage: 'https://lms.example', name: 'l1' } } }),
      statement({ object: { id: 'not an iri' } }),
      statement({ timestamp: 'yesterday' }),
      statement({ timestamp: '2026-10-28T10:00:00Z' }),
    ]).expect(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 1, 2]);
    expect(res.body.rejected[0].errors[0].path).toBe('actor');
  });

  it("counts a statement for a course with verbs only when its verb is listed", async () => {
    const verbs = { activities: ['https://review.example/'], verbs: ['http://adlnet.gov/expapi/verbs/completed'], halfLifeDays: 30 };
    await createCourseVia(ctx, ctx.acme, { id: 'review-201', usage: verbs });
    await postCompletion(ctx, ctx.acme, { courseId: 'review-201', learner: { id: 'l1', name: 'Åse Ødegård', email: 'Ase@Example.com' } });
    const onReview = (verb: string, timestamp: string) =>
      statement({ verb: { id: verb }, object: { id: 'https://review.example/pr/7' }, timestamp });
    const res = await ingest([
      onReview('http://adlnet.gov/expapi/verbs/completed', '2026-10-05T10:00:00Z'),
      onReview('http://adlnet.gov/expapi/verbs/experienced', '2026-10-06T10:00:00Z'),
    ]).expect(200);
    expect(res.body).toMatchObject({ accepted: 1, unmatched: 1 });
    const reviewDays = (usageDays(ctx.acme.tenant.id) as Array<{ course_id: string; day: string }>).filter((d) => d.course_id === 'review-201');
    expect(reviewDays.map((d) => d.day)).toEqual(['2026-10-05']);
  });

  it('answers 400 problem+json when no statement is valid (one alone, or a whole batch), writing nothing', async () => {
    const before = usageDays(ctx.acme.tenant.id);
    const single = await ingest(statement({ actor: { mbox: 'mailto:ase@example.com', mbox_sha1sum: 'a'.repeat(40) } }));
    expect(single.status).toBe(400);
    expect(single.type).toBe('application/problem+json');
    expect(single.body).toMatchObject({ code: 'invalid_statement', errors: [{ field: '[0].actor' }] });
    const batch = await ingest([statement({ object: { id: 'not an iri' } }), statement({ timestamp: 'yesterday' })]);
    expect(batch.status).toBe(400);
    expect(batch.body.errors.map((e: { field: string }) => e.field)).toEqual(['[0].object.id', '[1].timestamp']);
    expect(usageDays(ctx.acme.tenant.id)).toEqual(before);
  });

  it('refuses batches over 1,000, non-JSON bodies and bad keys', async () => {
    const big = await ingest(Array.from({ length: 1001 }, () => statement()));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('batch_too_large');
    const text = await request(ctx.app).post('/v1/usage/statements').set('Authorization', `Bearer ${usageKey}`).set('Content-Type', 'text/plain').send('x');
    expect(text.status).toBe(415);
    expect((await ingest(statement(), 'crd_usage_0000000000_' + 'x'.repeat(43))).status).toBe(401);
  });

  it('accepts the key as HTTP Basic credentials, the way LRS clients send it', async () => {
    const basic = Buffer.from(`${usageKey}:`).toString('base64');
    const res = await request(ctx.app)
      .post('/v1/usage/statements')
      .set('Authorization', `Basic ${basic}`)
      .send(statement({ timestamp: '2026-10-27T10:00:00Z' }))
      .expect(200);
    expect(res.body.accepted).toBe(1);
  });

  it('never lets statements for another tenant\'s learners affect this tenant', async () => {
    const globexSource = await request(ctx.app).post('/v1/usage-sources').set('Authorization', `Bearer ${ctx.globex.apiKey}`).send({ name: 'G' });
    const before = usageDays(ctx.acme.tenant.id);
    await ingest(statement({ timestamp: '2026-10-10T10:00:00Z' }), globexSource.body.apiKey).expect(200);
    expect(usageDays(ctx.acme.tenant.id)).toEqual(before);
    expect(usageDays(ctx.globex.tenant.id)).toHaveLength(1);
  });
});

describe('xAPI Statements resource', () => {
  const xapi = () => ({ Authorization: `Bearer ${usageKey}`, 'X-Experience-API-Version': '1.0.3' });

  it('POST answers the statement ids; PUT stores one statement by id', async () => {
    const s = statement({ timestamp: '2026-10-26T10:00:00Z' });
    const { id: _id, ...withoutId } = statement({ timestamp: '2026-10-25T10:00:00Z' });
    const post = await request(ctx.app).post('/xapi/statements').set(xapi()).send([s, withoutId]).expect(200);
    expect(post.headers['x-experience-api-version']).toBe('1.0.3');
    expect(post.body[0]).toBe(s.id);
    expect(post.body[1]).toMatch(/^[0-9a-f-]{36}$/);
    const again = await request(ctx.app).post('/xapi/statements').set(xapi()).send([s, withoutId]).expect(200);
    expect(again.body).toEqual(post.body);
    const put = statement({ timestamp: '2026-10-24T10:00:00Z' });
    await request(ctx.app).put(`/xapi/statements?statementId=${put.id}`).set(xapi()).send(put).expect(204);
    const conflict = await request(ctx.app).put(`/xapi/statements?statementId=${put.id}`).set(xapi()).send({ ...put, timestamp: '2026-10-23T10:00:00Z' });
    expect(conflict.status).toBe(409);
  });

  it('requires X-Experience-API-Version and rejects a batch with an invalid statement', async () => {
    const missing = await request(ctx.app).post('/xapi/statements').set('Authorization', `Bearer ${usageKey}`).send(statement());
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('xapi_version_required');
    const invalid = await request(ctx.app).post('/xapi/statements').set(xapi()).send([statement({ verb: {} })]);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toMatch(/^\[0\]\.verb/);
  });

  it('writes nothing of a batch with one invalid statement (all or nothing, as an LRS)', async () => {
    const valid = statement({ timestamp: '2026-09-01T10:00:00Z' });
    const res = await request(ctx.app).post('/xapi/statements').set(xapi()).send([valid, statement({ verb: {} })]);
    expect(res.status).toBe(400);
    expect((usageDays(ctx.acme.tenant.id) as Array<{ day: string }>).map((d) => d.day)).not.toContain('2026-09-01');
    // Not remembered either: sent again on its own, it is new.
    expect((await request(ctx.app).post('/v1/usage/statements').set('Authorization', `Bearer ${usageKey}`).send(valid).expect(200)).body).toMatchObject({ accepted: 1, duplicates: 0 });
  });
});
