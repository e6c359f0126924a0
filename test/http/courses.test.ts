import request from 'supertest';
import { courseBody } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const auth = () => ({ Authorization: `Bearer ${ctx.acme.apiKey}` });

describe('/v1/courses', () => {
  it('creates a course and returns it with Location', async () => {
    const res = await request(ctx.app).post('/v1/courses').set(auth()).send(courseBody({ validityMonths: 12, image: 'https://img.example/py.png' }));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/v1/courses/py-101');
    expect(res.body).toMatchObject({
      id: 'py-101',
      name: { en: 'Python 101', nb: 'Python 101 på norsk' },
      description: { en: 'Programming basics in Python.' },
      criteria: { en: 'Pass all exercises.', nb: 'Bestå alle oppgavene.' },
      validityMonths: 12,
      image: 'https://img.example/py.png',
      createdAt: '2026-11-02T10:00:00.000Z',
    });
  });

  it('refuses a duplicate id with 409 course_exists', async () => {
    const res = await request(ctx.app).post('/v1/courses').set(auth()).send(courseBody());
    expect(res.status).toBe(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'course_exists', errors: [{ field: 'id' }] });
  });

  it('gets, lists and patches courses', async () => {
    await request(ctx.app).post('/v1/courses').set(auth()).send(courseBody({ id: 'js-101', name: 'JavaScript 101' })).expect(201);
    const one = await request(ctx.app).get('/v1/courses/js-101').set(auth()).expect(200);
    expect(one.body.name).toEqual({ en: 'JavaScript 101' });

    const page1 = await request(ctx.app).get('/v1/courses?limit=1').set(auth()).expect(200);
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual(['js-101']);
    const page2 = await request(ctx.app).get(`/v1/courses?limit=1&cursor=${page1.body.nextCursor}`).set(auth()).expect(200);
    expect(page2.body.items.map((c: { id: string }) => c.id)).toEqual(['py-101']);
    expect(page2.body.nextCursor).toBeNull();

    ctx.clock.advanceDays(1);
    const patched = await request(ctx.app).patch('/v1/courses/js-101').set(auth()).send({ validityMonths: 6, image: null }).expect(200);
    expect(patched.body).toMatchObject({ validityMonths: 6, image: null, updatedAt: '2026-11-03T10:00:00.000Z' });
  });

  it('answers 404 course_not_found for an unknown course', async () => {
    const res = await request(ctx.app).get('/v1/courses/nope').set(auth());
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('course_not_found');
    const patch = await request(ctx.app).patch('/v1/courses/nope').set(auth()).send({ name: 'x' });
    expect(patch.status).toBe(404);
  });

  it.each([
    [{ ...courseBody({ id: 'a' }), criteria: { nb: 'bare norsk' } }, 'criteria.en'],
    [{ ...courseBody({ id: 'b' }), name: '' }, 'name'],
    [{ ...courseBody({ id: 'c' }), validityMonths: 0 }, 'validityMonths'],
    [{ ...courseBody({ id: 'd' }), image: 'ftp://x/y.png' }, 'image'],
    [{ ...courseBody({ id: 'bad id!' }) }, 'id'],
    [{ ...courseBody({ id: 'e' }), extra: true }, 'body'],
    [{ name: 'No id' }, 'id'],
  ])('rejects invalid input %# with 400 naming the field', async (body, field) => {
    const res = await request(ctx.app).post('/v1/courses').set(auth()).send(body);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('rejects an empty PATCH', async () => {
    const res = await request(ctx.app).patch('/v1/courses/py-101').set(auth()).send({});
    expect(res.status).toBe(400);
  });

  it('requires a valid API key', async () => {
    expect((await request(ctx.app).get('/v1/courses')).status).toBe(401);
    const bad = await request(ctx.app).get('/v1/courses').set('Authorization', 'Bearer crd_live_0123456789_notarealsecretnotarealsecret00000');
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('invalid_api_key');
    expect(bad.headers['www-authenticate']).toMatch(/Bearer/);
  });

  it('answers malformed JSON, wrong content type and oversized bodies with problem+json', async () => {
    const malformed = await request(ctx.app).post('/v1/courses').set(auth()).set('Content-Type', 'application/json').send('{"id": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');
    const text = await request(ctx.app).post('/v1/courses').set(auth()).set('Content-Type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
    const huge = await request(ctx.app).post('/v1/courses').set(auth()).send(courseBody({ description: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');
  });
});
