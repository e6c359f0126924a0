import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { learnerUsage } from '../../../src/db/usage-repository.js';
import { databaseBeforeMigration } from '../../helpers/database-before-migration.js';

/**
 * Migration 0016 rebuilds usage_days as a WITHOUT ROWID table. Every active day stored before it
 * must survive unchanged, and the adoption-fact triggers that name the table must come back as
 * they were (the HTTP tests exercise them on fresh databases).
 */
const TENANT = 'tenant-1';
const DAYS = [
  ['learner-b', 'course-1', '2026-10-02', 3, 'source-1'],
  ['learner-a', 'course-1', '2026-10-01', 1, null],
  ['learner-a', 'course-1', '2026-09-30', 2, 'source-2'],
  ['learner-a', 'course-2', '2026-10-01', 5, null],
] as const;

let dir: string;
let database: DatabaseHandle;
let triggersBefore: unknown[];
const triggers = (db: { prepare(sql: string): { all(): unknown[] } }) =>
  db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-usage-days-'));
  // The database as it was before 0016: migrations up to 0015, usage_days a rowid table.
  const { path, old } = databaseBeforeMigration(dir, 16);
  const insert = old.prepare('INSERT INTO usage_days (tenant_id, learner_id, course_id, day, statements, source_id) VALUES (?, ?, ?, ?, ?, ?)');
  for (const row of DAYS) insert.run(TENANT, ...row);
  triggersBefore = triggers(old);
  old.close();
  database = openDatabase(path);
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('usage days stored before migration 0016', () => {
  it('are all kept, in a WITHOUT ROWID table', () => {
    const { sql } = database.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'usage_days'").get() as { sql: string };
    expect(sql).toMatch(/WITHOUT ROWID\s*$/);
    const rows = database.sqlite.prepare('SELECT learner_id, course_id, day, statements, source_id FROM usage_days WHERE tenant_id = ?').raw().all(TENANT);
    expect(rows).toEqual([...DAYS].map((row) => [...row]).sort((a, b) => `${a[0]}|${a[1]}|${a[2]}`.localeCompare(`${b[0]}|${b[1]}|${b[2]}`)));
  });

  it('read back as the verify page reads them', () => {
    expect(learnerUsage(database.db, { tenantId: TENANT, learnerId: 'learner-a', courseId: 'course-1' })).toEqual({
      days: ['2026-09-30', '2026-10-01'],
      sourceIds: ['source-2'],
    });
  });

  it('keep the adoption-fact triggers exactly as they were', () => {
    expect(triggersBefore.length).toBeGreaterThanOrEqual(3);
    expect(triggers(database.sqlite)).toEqual(triggersBefore);
  });

  it('still update adoption facts when a new day arrives', () => {
    const { sqlite } = database;
    sqlite
      .prepare(`INSERT INTO adoption_facts (tenant_id, course_id, learner_id, completed_day, revoked, first_use, last_use, hit30, hit60, hit90, active_days)
        VALUES (?, 'course-1', 'learner-b', '2026-10-01', 0, 1, 1, 0, 0, 0, 1)`)
      .run(TENANT);
    sqlite
      .prepare("INSERT INTO usage_days (tenant_id, learner_id, course_id, day, statements, source_id) VALUES (?, 'learner-b', 'course-1', '2026-10-31', 1, NULL)")
      .run(TENANT);
    const facts = sqlite.prepare("SELECT last_use, hit30, active_days FROM adoption_facts WHERE learner_id = 'learner-b'").get();
    expect(facts).toEqual({ last_use: 30, hit30: 1, active_days: 2 });
  });
});
