import Database from 'better-sqlite3';
import request from 'supertest';
import { courseBody } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('a write lock held elsewhere past the busy timeout', () => {
  it('answers 503 database_busy with Retry-After, then succeeds once the lock is free', async () => {
    // Another process (the admin CLI, a second server) holds the write lock.
    const other = new Database(ctx.database.sqlite.name);
    ctx.database.sqlite.pragma('busy_timeout = 50');
    try {
      other.exec('BEGIN IMMEDIATE');
      const create = () => request(ctx.app).post('/v1/courses').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send(courseBody({ id: 'busy-101' }));
      const busy = await create();
      expect(busy.status).toBe(503);
      expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body).toMatchObject({ code: 'database_busy', status: 503, title: 'Database busy' });
      expect(JSON.stringify(busy.body)).not.toMatch(/SQLITE|at .*\.js/);
      other.exec('ROLLBACK');
      expect((await create()).status).toBe(201);
    } finally {
      other.close();
      ctx.database.sqlite.pragma('busy_timeout = 5000');
    }
  });
});
