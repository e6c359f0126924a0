import type { Server } from 'node:http';
import request from 'supertest';
import { signWebhook } from '../../src/security/webhook-signature.js';
import { completionBody, createCourseVia, postCompletion } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme);
});
afterAll(() => ctx.close());

const countCertificates = () => (ctx.database.sqlite.prepare('select count(*) as n from certificates').get() as { n: number }).n;

describe('POST /v1/completions', () => {
  it('issues a certificate once: 201 first, 200 with the same number on every replay', async () => {
    const first = await postCompletion(ctx, ctx.acme, { eventId: 'evt-1' });
    expect(first.status).toBe(201);
    expect(first.body.number).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.headers.location).toBe(`/v1/certificates/${first.body.number}`);
    expect(first.body).toMatchObject({
      status: 'valid',
      issuedAt: '2026-11-02T10:00:00.000Z',
      completedAt: '2026-11-01T12:00:00Z',
      learner: { id: 'learner-1', name: 'Åse Ødegård' },
      course: { id: 'py-101', name: 'Python 101' },
      links: {
        verify: `${ctx.publicUrl}/verify/${first.body.number}`,
        pdf: `${ctx.publicUrl}/certificates/${first.body.number}.pdf`,
      },
    });
    const replay = await postCompletion(ctx, ctx.acme, { eventId: 'evt-2' });
    expect(replay.status).toBe(200);
    expect(replay.body.number).toBe(first.body.number);
    expect(replay.headers.location).toBeUndefined();
    expect(countCertificates()).toBe(1);
  });

  it('creates exactly one certificate under 50 concurrent identical requests', async () => {
    const server: Server = ctx.app.listen(0);
    try {
      const body = completionBody({ learner: { id: 'learner-concurrent', name: 'Zoë Łukasiewicz' } });
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          request(server).post('/v1/completions').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send(body),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      expect(new Set(responses.map((r) => r.body.number)).size).toBe(1);
      const rows = ctx.database.sqlite
        .prepare("select count(*) as n from certificates where learner_id = 'learner-concurrent'")
        .get() as { n: number };
      expect(rows.n).toBe(1);
    } finally {
      server.close();
    }
  });

  it('honours Idempotency-Key: same body replays, a different body is 422', async () => {
    const body = completionBody({ learner: { id: 'learner-idem', name: 'Wang Fang 王芳' } });
    const send = (b: object) =>
      request(ctx.app).post('/v1/completions').set('Authorization', `Bearer ${ctx.acme.apiKey}`).set('Idempotency-Key', 'key-123').send(b);
    const first = await send(body);
    expect(first.status).toBe(201);
    const again = await send(body);
    expect(again.status).toBe(200);
    expect(again.body.number).toBe(first.body.number);
    const different = await send({ ...body, completedAt: '2026-10-01T12:00:00Z' });
    expect(different.status).toBe(422);
    expect(different.body).toMatchObject({ code: 'idempotency_key_reused', errors: [{ field: 'Idempotency-Key' }] });
  });

  it('issues only one body of many racing with the same Idempotency-Key; the others get 422', async () => {
    const server: Server = ctx.app.listen(0);
    try {
      const learners = Array.from({ length: 10 }, (_, i) => `learner-key-race-${i}`);
      const responses = await Promise.all(
        learners.map((id) =>
          request(server)
            .post('/v1/completions')
            .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
            .set('Idempotency-Key', 'race-key')
            .send(completionBody({ learner: { id, name: 'Racer' } })),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(422)]);
      const issued = ctx.database.sqlite
        .prepare(`select number from certificates where learner_id like 'learner-key-race-%'`)
        .all() as Array<{ number: string }>;
      expect(issued).toEqual([{ number: responses.find((r) => r.status === 201)!.body.number }]);
      // The winner's body replays to its certificate; the losers' bodies stay refused.
      const winner = learners[responses.findIndex((r) => r.status === 201)]!;
      const replay = (id: string) =>
        request(server)
          .post('/v1/completions')
          .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
          .set('Idempotency-Key', 'race-key')
          .send(completionBody({ learner: { id, name: 'Racer' } }));
      expect((await replay(winner)).body.number).toBe(issued[0]!.number);
      expect((await replay(learners.find((id) => id !== winner)!)).status).toBe(422);
    } finally {
      server.close();
    }
  });

  it('answers one certificate to the same body sent concurrently with one Idempotency-Key', async () => {
    const server: Server = ctx.app.listen(0);
    try {
      const body = completionBody({ learner: { id: 'learner-key-same', name: 'Kari' } });
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(server).post('/v1/completions').set('Authorization', `Bearer ${ctx.acme.apiKey}`).set('Idempotency-Key', 'same-key').send(body),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(responses.map((r) => r.body.number)).size).toBe(1);
    } finally {
      server.close();
    }
  });

  it('frees an Idempotency-Key whose request failed, so a corrected request can use it', async () => {
    const send = (courseId: string) =>
      request(ctx.app)
        .post('/v1/completions')
        .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
        .set('Idempotency-Key', 'fix-and-retry')
        .send(completionBody({ courseId, learner: { id: 'learner-key-retry', name: 'Ola' } }));
    expect((await send('no-such-course')).status).toBe(404);
    expect((await send(completionBody().courseId)).status).toBe(201);
  });

  it('answers 404 course_not_found for an unknown course and writes nothing', async () => {
    const before = countCertificates();
    const res = await postCompletion(ctx, ctx.acme, { courseId: 'no-such-course' });
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'course_not_found', errors: [{ field: 'courseId' }] });
    expect(countCertificates()).toBe(before);
  });

  it('refuses a completion in the future', async () => {
    const res = await postCompletion(ctx, ctx.acme, { completedAt: '2026-11-03T10:00:00Z', learner: { id: 'future', name: 'F' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'completed_at_in_future', errors: [{ field: 'completedAt' }] });
  });

  it.each([
    [{ courseId: undefined }, 'courseId', /^is required$/],
    [{ courseId: 5 }, 'courseId', /expected string, received number/],
    [{ learner: { id: 'x' } }, 'learner.name', /^is required$/],
    [{ learner: { id: 'x', name: 'X', email: 'not-an-email' } }, 'learner.email', /email/i],
    [{ learner: { id: 42, name: 'X' } }, 'learner.id', /expected string, received number/],
    [{ learner: { id: 'x', name: null } }, 'learner.name', /expected string, received null/],
    [{ completedAt: 'yesterday' }, 'completedAt', /.+/],
    [{ completedAt: '2026-11-01T12:00:00' }, 'completedAt', /.+/],
  ])('rejects invalid body %# naming the field and what is wrong with it', async (overrides, field, message) => {
    const res = await postCompletion(ctx, ctx.acme, overrides);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const error = (res.body.errors as Array<{ field: string; message: string }>).find((e) => e.field === field);
    expect(error?.message).toMatch(message);
  });

  describe('HMAC-signed webhooks', () => {
    const signed = (body: object, options: { secret?: string; at?: Date; tenant?: string } = {}) => {
      const raw = JSON.stringify(body);
      return request(ctx.app)
        .post('/v1/completions')
        .set('Content-Type', 'application/json')
        .set('Credence-Tenant', options.tenant ?? 'acme')
        .set('Credence-Signature', signWebhook(options.secret ?? ctx.acme.webhookSecret, raw, options.at ?? ctx.clock.now()))
        .send(raw);
    };
    const body = completionBody({ learner: { id: 'learner-hmac', name: 'Hmac Learner' } });

    it('accepts a valid signature', async () => {
      const res = await signed(body);
      expect(res.status).toBe(201);
    });

    it('rejects a wrong secret, another tenant, a tampered body and a missing tenant', async () => {
      expect((await signed(body, { secret: 'whsec_wrong' })).body.code).toBe('invalid_signature');
      expect((await signed(body, { tenant: 'globex' })).status).toBe(401);
      const raw = JSON.stringify(body);
      const tampered = await request(ctx.app)
        .post('/v1/completions')
        .set('Content-Type', 'application/json')
        .set('Credence-Tenant', 'acme')
        .set('Credence-Signature', signWebhook(ctx.acme.webhookSecret, raw, ctx.clock.now()))
        .send(raw.replace('Hmac Learner', 'Someone Else'));
      expect(tampered.status).toBe(401);
      const noTenant = await request(ctx.app)
        .post('/v1/completions')
        .set('Content-Type', 'application/json')
        .set('Credence-Signature', signWebhook(ctx.acme.webhookSecret, raw, ctx.clock.now()))
        .send(raw);
      expect(noTenant.status).toBe(401);
    });

    it('rejects signatures outside the 5-minute replay window, accepts inside it', async () => {
      const old = new Date(ctx.clock.now().getTime() - 301_000);
      const res = await signed(body, { at: old });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('signature_expired');
      const future = new Date(ctx.clock.now().getTime() + 301_000);
      expect((await signed(body, { at: future })).status).toBe(401);
      const recent = new Date(ctx.clock.now().getTime() - 240_000);
      expect((await signed(body, { at: recent })).status).toBe(200);
    });

    it('rejects a malformed signature header', async () => {
      const res = await request(ctx.app)
        .post('/v1/completions')
        .set('Credence-Tenant', 'acme')
        .set('Credence-Signature', 'garbage')
        .send(body);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_signature');
    });
  });
});
