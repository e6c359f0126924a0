import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import request from 'supertest';
import { openDatabase } from '../../src/db/client.js';
import { insertApiKey, revokeApiKey } from '../../src/db/api-keys-repository.js';
import { mintApiKey } from '../../src/security/api-key-token.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A new admin key of acme, stored through the given connection. */
function newKey(db = ctx.database.db) {
  const key = mintApiKey('live');
  insertApiKey(db, { id: randomUUID(), tenantId: ctx.acme.tenant.id, prefix: key.prefix, secretHash: key.secretHash, name: 'extra', scope: 'admin', createdAt: new Date().toISOString() });
  return key;
}

const listCourses = (token: string) => request(ctx.app).get('/v1/courses').set('Authorization', `Bearer ${token}`);

describe('API key revocation', () => {
  it('stops a key at once when this process revokes it', async () => {
    const key = newKey();
    await listCourses(key.token).expect(200);
    revokeApiKey(ctx.database.db, { tenantId: ctx.acme.tenant.id, prefix: key.prefix, at: new Date().toISOString() });
    const refused = await listCourses(key.token).expect(401);
    expect(refused.body.code).toBe('invalid_api_key');
  });

  it('stops a key within a second when another process (the admin CLI) revokes it', async () => {
    const cli = openDatabase(ctx.database.sqlite.name);
    try {
      const key = newKey(cli.db);
      await listCourses(key.token).expect(200);
      revokeApiKey(cli.db, { tenantId: ctx.acme.tenant.id, prefix: key.prefix, at: new Date().toISOString() });
      await delay(1100);
      await listCourses(key.token).expect(401);
    } finally {
      cli.close();
    }
  });

  it('still compares the secret on every request, remembered key or not', async () => {
    const key = newKey();
    await listCourses(key.token).expect(200);
    const forged = `${key.prefix}_${'A'.repeat(43)}`;
    await listCourses(forged).expect(401);
  });
});
