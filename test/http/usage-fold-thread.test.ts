import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { openDatabase } from '../../src/db/client.js';
import { ingestSha256Hex } from '../../src/usage/ingest-hash.js';
import { ingestStatements } from '../../src/usage/ingest-statements.js';
import { appendUsageBatch, usageLogPathFor } from '../../src/usage/usage-log.js';
import { parseStatement, statementFingerprint } from '../../src/usage/xapi-statement.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { dailyStatements, statement } from '../fixtures/xapi.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

// Ingest as the server runs it: the request thread appends to the usage log and a fold thread
// moves the log into usage_days. What was ingested counts at once, before and after the fold.
let ctx: TestContext;
let number: string;

beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-11-02T10:00:00Z', foldUsageInThread: true });
  await createCourseVia(ctx, ctx.acme, { usage: { activities: ['https://tools.example/ide'], halfLifeDays: 30 } });
  number = (await postCompletion(ctx, ctx.acme, { learner: { id: 'l1', name: 'Åse Ødegård', email: 'ase@example.com' } })).body.number;
});
afterAll(() => ctx.close());

const ingest = (body: object) => request(ctx.app).post('/v1/usage/statements').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send(body);
const usage = async () => (await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/json').expect(200)).body.usage;
const storedDays = () => ctx.database.sqlite.prepare("SELECT day, statements FROM usage_days WHERE learner_id = 'l1' ORDER BY day").all();

describe('ingest with the fold thread', () => {
  it('shows ingested usage on the verify page right away, and stores it once folded', async () => {
    const statements = dailyStatements('2026-11-02', 5);
    expect((await ingest(statements).expect(200)).body).toMatchObject({ accepted: 5 });
    expect(await usage()).toMatchObject({ state: 'current', score: 71, lastActiveDate: '2026-11-02' });
    await ctx.database.usageLog.settled();
    expect(storedDays()).toHaveLength(5);
    expect(ctx.database.usageLog.pending.statementCount).toBe(0);
    expect(ctx.database.usageLog.log.prepare('SELECT count(*) FROM usage_log').pluck().get()).toBe(0);
    expect(await usage()).toMatchObject({ state: 'current', score: 71 });
  });

  it('recognises replays and conflicts whether the first copy is still in the log or folded', async () => {
    const first = statement({ timestamp: '2026-10-20T09:00:00Z' });
    await ingest([first]).expect(200);
    // Straight away (most likely still pending) and after the fold: the same answers.
    expect((await ingest([first]).expect(200)).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await ingest([{ ...first, timestamp: '2026-10-21T09:00:00Z' }])).status).toBe(409);
    await ctx.database.usageLog.settled();
    expect((await ingest([first]).expect(200)).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await ingest([{ ...first, timestamp: '2026-10-21T09:00:00Z' }])).status).toBe(409);
    await ctx.database.usageLog.settled();
    expect(storedDays()).toContainEqual({ day: '2026-10-20', statements: 1 });
    expect(storedDays()).not.toContainEqual(expect.objectContaining({ day: '2026-10-21' }));
  });

  it("catches up with another process's unfolded batches: a replay is a duplicate, counted once", async () => {
    const s = statement({ timestamp: '2026-10-25T09:00:00Z' });
    const parsed = parseStatement(s);
    if (!parsed.ok) throw new Error('invalid test statement');
    const fingerprint: [string, string] = [ingestSha256Hex(`id:${s.id}`).slice(0, 32), statementFingerprint(parsed.statement).contentHash.slice(0, 32)];
    // Another process (a second connection to the same files) appended the statement and has not folded it.
    const other = new Database(usageLogPathFor(ctx.database.sqlite.name));
    other.transaction(() => appendUsageBatch(other, { tenantId: ctx.acme.tenant.id, sourceId: null, statements: [fingerprint], days: [['l1', 'py-101', '2026-10-25', 1]] })).immediate();
    other.close();
    expect((await ingest([s]).expect(200)).body).toMatchObject({ accepted: 0, duplicates: 1 });
    await ctx.database.usageLog.settled();
    expect(storedDays()).toContainEqual({ day: '2026-10-25', statements: 1 });
  });
});

describe('backpressure', () => {
  it('makes ingest wait while too many statements wait to be folded, and go on once they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-backpressure-'));
    const database = openDatabase(join(dir, 'credence.db'), { foldUsageInThread: true, maxPendingStatements: 2 });
    try {
      const ingestOne = () => ingestStatements(database, { tenantId: 'any-tenant', sourceId: null, statements: [statement(), statement()] });
      expect(await ingestOne()).toMatchObject({ unmatched: 2 });
      // The fold thread's answer arrives as a message: until then two statements are pending.
      let roomGiven = false;
      const room = database.usageLog.roomToAppend().then(() => (roomGiven = true));
      await Promise.resolve();
      expect(roomGiven).toBe(false);
      await room;
      expect(database.usageLog.pending.statementCount).toBe(0);
      expect(await ingestOne()).toMatchObject({ unmatched: 2 });
      await database.usageLog.settled();
      expect(database.sqlite.prepare('SELECT count(*) FROM usage_statements').pluck().get()).toBe(4);
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('folds by other processes and failed folds', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-fold-thread-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const twoStatements = (database: ReturnType<typeof openDatabase>) =>
    ingestStatements(database, { tenantId: 'any-tenant', sourceId: null, statements: [statement(), statement()] });
  const storedStatements = (database: ReturnType<typeof openDatabase>) => database.sqlite.prepare('SELECT count(*) FROM usage_statements').pluck().get();

  it('lets waiting ingest go on when another process folded the batches first', async () => {
    const path = join(dir, 'credence.db');
    const database = openDatabase(path, { foldUsageInThread: true, maxPendingStatements: 2 });
    const other = openDatabase(path);
    try {
      await twoStatements(database);
      // The other process (here: another connection folding inline) may beat the fold thread to it.
      other.usageLog.appended();
      await database.usageLog.roomToAppend();
      await twoStatements(database);
      await database.usageLog.settled();
      expect(storedStatements(database)).toBe(4);
    } finally {
      other.close();
      database.close();
    }
  });

  it('answers 503 when the fold cannot make room in time, and folds once it can', async () => {
    const path = join(dir, 'credence.db');
    const database = openDatabase(path, { foldUsageInThread: true, maxPendingStatements: 2, maxRoomWaitMs: 200 });
    const blocker = new Database(path);
    try {
      blocker.exec('BEGIN IMMEDIATE');
      await twoStatements(database);
      await expect(twoStatements(database)).rejects.toMatchObject({ status: 503, code: 'usage_fold_behind', headers: { 'Retry-After': '5' } });
      blocker.exec('COMMIT');
      await database.usageLog.settled();
      expect(storedStatements(database)).toBe(2);
      expect(await twoStatements(database)).toMatchObject({ unmatched: 2 });
    } finally {
      blocker.close();
      database.close();
    }
  });

  it('keeps folding after the database was locked past the busy timeout, losing nothing', async () => {
    const path = join(dir, 'credence.db');
    const database = openDatabase(path, { foldUsageInThread: true });
    const warnings: string[] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = ((warning: string | Error) => warnings.push(String(warning))) as typeof process.emitWarning;
    const blocker = new Database(path);
    try {
      blocker.exec('BEGIN IMMEDIATE');
      await twoStatements(database);
      setTimeout(() => blocker.exec('COMMIT'), 6_000);
      await database.usageLog.settled();
      expect(storedStatements(database)).toBe(2);
      expect(warnings).toEqual([expect.stringMatching(/^usage fold failed \(SqliteError: database is locked/)]);
    } finally {
      process.emitWarning = emitWarning;
      blocker.close();
      database.close();
    }
  }, 30_000);
});
