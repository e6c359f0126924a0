import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

/** A JWT-shaped token nobody signed, with a different claimed client every time. */
const fakeToken = (i: number) =>
  [{ alg: 'none', typ: 'at+jwt' }, { sub: `crd_client_fake${i}` }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';

describe('rate limits', () => {
  let ctx: TestContext;
  // Public routes: 3 requests per minute per client; the tenant API: 30 per verified caller.
  beforeAll(async () => {
    ctx = await createTestContext({ rateLimitPerMinute: 3 });
  });
  afterAll(() => ctx.close());

  it('limits public routes per client IP, whatever Authorization header is sent', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await request(ctx.app).get('/docs').set('Authorization', i % 2 ? `Bearer ${fakeToken(i)}` : `Bearer crd_live_fake${i}000000_${'x'.repeat(40)}`);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it('counts the verify page and PDF downloads in the same public budget (spent by the test above)', async () => {
    const number = '6f1d2c3b-0000-4000-8000-000000000001';
    expect((await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/json')).status).toBe(429);
    expect((await request(ctx.app).get(`/certificates/${number}.pdf`)).status).toBe(429);
  });

  it('gives each verified API key its own budget, and failed attempts never use a key\'s budget', async () => {
    const prefix = ctx.acme.apiKey.split('_').slice(0, 3).join('_');
    // Someone guessing with acme's visible prefix uses up their own address's budget, not acme's.
    const guesses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const response = await request(ctx.app).get('/v1/courses').set('Authorization', `Bearer ${prefix}_${'y'.repeat(43)}`);
      guesses.push(response.status);
    }
    expect(guesses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(guesses.slice(30)).toEqual([429, 429]);
    // acme's real key still works, with its own budget of 30 a minute.
    const own: number[] = [];
    for (let i = 0; i < 31; i++) own.push((await request(ctx.app).get('/v1/courses').set('Authorization', `Bearer ${ctx.acme.apiKey}`)).status);
    expect(own.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(own[30]).toBe(429);
    // Another tenant behind the same address is not affected by acme's burst.
    expect((await request(ctx.app).get('/v1/courses').set('Authorization', `Bearer ${ctx.globex.apiKey}`)).status).toBe(200);
  });
});
