import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { statement } from '../fixtures/xapi.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

// Ingest remembers each statement id with its insert and looks up only the ids that were not new:
// repeats inside one batch must behave exactly like repeats across batches.
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme, { usage: { activities: ['https://tools.example/ide'], halfLifeDays: 30 } });
  await postCompletion(ctx, ctx.acme, { learner: { id: 'l1', name: 'Åse Ødegård', email: 'ase@example.com' } });
});
afterAll(() => ctx.close());

const ingest = (body: unknown) =>
  request(ctx.app).post('/v1/usage/statements').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send(body as object);
const stored = () => ({
  days: ctx.database.sqlite.prepare('select learner_id, course_id, day, statements from usage_days order by day').all(),
  statements: ctx.database.sqlite.prepare('select * from usage_statements order by id_hash').all(),
  facts: ctx.database.sqlite.prepare('select * from adoption_facts').all(),
});

describe('statement ids repeated inside one batch', () => {
  it('counts a repeat with the same content as a duplicate', async () => {
    const s = statement({ timestamp: '2026-11-01T10:00:00Z' });
    const res = await ingest([s, { ...s, id: s.id.toUpperCase() }, s]).expect(200);
    expect(res.body).toEqual({ accepted: 1, duplicates: 2, unmatched: 0, rejected: [] });
    expect(stored().days).toContainEqual({ learner_id: 'l1', course_id: 'py-101', day: '2026-11-01', statements: 1 });
  });

  it('counts a repeated statement without id (same content, same derived id) as a duplicate', async () => {
    const { id: _id, ...withoutId } = statement({ timestamp: '2026-11-02T10:00:00Z' });
    const res = await ingest([withoutId, withoutId]).expect(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it('answers 409 for a repeat with other content, naming the first conflict, and stores nothing of the batch', async () => {
    const before = stored();
    const fresh = statement({ timestamp: '2026-10-20T10:00:00Z' });
    const s = statement({ timestamp: '2026-10-21T10:00:00Z' });
    const res = await ingest([fresh, s, { ...s, timestamp: '2026-10-22T10:00:00Z' }, { ...fresh, timestamp: '2026-10-23T10:00:00Z' }]);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'statement_conflict', errors: [{ field: '[2].id' }] });
    expect(stored()).toEqual(before);
    // Nothing of the batch was remembered: both statements are still new.
    expect((await ingest([fresh, s]).expect(200)).body).toMatchObject({ accepted: 2, duplicates: 0 });
  });

  it('keeps the order of a batch mixing new statements, replays and repeats', async () => {
    const known = statement({ timestamp: '2026-10-10T10:00:00Z' });
    await ingest(known).expect(200);
    const a = statement({ timestamp: '2026-10-11T10:00:00Z' });
    const elsewhere = statement({ object: { id: 'https://other.example/tool' } });
    const res = await ingest([a, known, elsewhere, a, { verb: {} }, known]).expect(200);
    expect(res.body).toEqual({ accepted: 1, duplicates: 3, unmatched: 1, rejected: [{ index: 4, errors: expect.any(Array) }] });
    expect(stored().days.filter((d) => (d as { day: string }).day.startsWith('2026-10-1'))).toEqual([
      { learner_id: 'l1', course_id: 'py-101', day: '2026-10-10', statements: 1 },
      { learner_id: 'l1', course_id: 'py-101', day: '2026-10-11', statements: 1 },
    ]);
  });
});
