import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

/** `[[[…["x"]…]]]` nested `depth` levels, as raw JSON text. */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

describe('JSON request bodies', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it.each([
    ['POST', '/v1/usage/statements'],
    ['POST', '/xapi/statements'],
    ['POST', '/v1/courses'],
    ['POST', '/credentials/verify'],
    ['POST', '/presentations/verify'],
  ])('refuses a body nested 100,000 levels deep on %s %s with 400 json_too_deep, never a 500', async (_method, path) => {
    const response = await request(ctx.app)
      .post(path)
      .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
      .set('X-Experience-API-Version', '1.0.3')
      .set('Content-Type', 'application/json')
      .send(nestedArrays(100_000));
    expect(response.status).toBe(400);
    expect(response.type).toBe('application/problem+json');
    expect(response.body).toMatchObject({ code: 'json_too_deep', errors: [{ field: 'body' }] });
  });

  it('accepts ordinary nesting (64 levels)', async () => {
    const response = await request(ctx.app).post('/credentials/verify').set('Content-Type', 'application/json').send(`{"verifiableCredential": ${nestedArrays(62)}}`);
    expect(response.status).not.toBe(500);
    expect(response.body.code).not.toBe('json_too_deep');
  });
});
