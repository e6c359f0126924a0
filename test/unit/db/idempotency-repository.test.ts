import {
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
} from '../../../src/db/idempotency-repository.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

/**
 * Interleavings of requests with one Idempotency-Key that the HTTP tests cannot time: a first
 * request fails while a second with the same body is still being issued.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const record = (key: string, requestHash: string) => ({ tenantId: ctx.acme.tenant.id, key, requestHash, createdAt: '2026-11-02T10:00:00.000Z' });
const held = (key: string) => findIdempotencyKey(ctx.database.db, ctx.acme.tenant.id, key);

describe('Idempotency-Key records', () => {
  it("keep the second request's answer when the first, which reserved the key, failed meanwhile", () => {
    expect(reserveIdempotencyKey(ctx.database.db, record('k1', 'body-x'))).toBe(true);
    releaseIdempotencyKey(ctx.database.db, ctx.acme.tenant.id, 'k1', 'body-x'); // the first request failed
    completeIdempotencyKey(ctx.database.db, record('k1', 'body-x'), 'cert-of-x'); // the second, same body, succeeded
    expect(held('k1')).toMatchObject({ requestHash: 'body-x', certificateNumber: 'cert-of-x' });
  });

  it('never give a key taken by another body the answer of the first one', () => {
    reserveIdempotencyKey(ctx.database.db, record('k2', 'body-x'));
    releaseIdempotencyKey(ctx.database.db, ctx.acme.tenant.id, 'k2', 'body-x');
    expect(reserveIdempotencyKey(ctx.database.db, record('k2', 'body-y'))).toBe(true); // a third request, other body
    completeIdempotencyKey(ctx.database.db, record('k2', 'body-x'), 'cert-of-x'); // the second request ends late
    expect(held('k2')).toMatchObject({ requestHash: 'body-y', certificateNumber: null });
    completeIdempotencyKey(ctx.database.db, record('k2', 'body-y'), 'cert-of-y');
    expect(held('k2')).toMatchObject({ requestHash: 'body-y', certificateNumber: 'cert-of-y' });
  });

  it("are never freed by a failure of another body's request, nor once answered", () => {
    reserveIdempotencyKey(ctx.database.db, record('k3', 'body-y'));
    releaseIdempotencyKey(ctx.database.db, ctx.acme.tenant.id, 'k3', 'body-x');
    expect(held('k3')).toMatchObject({ requestHash: 'body-y' });
    completeIdempotencyKey(ctx.database.db, record('k3', 'body-y'), 'cert-of-y');
    releaseIdempotencyKey(ctx.database.db, ctx.acme.tenant.id, 'k3', 'body-y');
    completeIdempotencyKey(ctx.database.db, record('k3', 'body-y'), 'another');
    expect(held('k3')).toMatchObject({ certificateNumber: 'cert-of-y' });
  });
});
