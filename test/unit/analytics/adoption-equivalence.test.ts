import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryAdoptionCounts, type GroupBy } from '../../../src/analytics/adoption-query.js';
import { addDays } from '../../../src/calendar.js';
import { queryFollowUp, type FollowUpRow } from '../../../src/analytics/follow-up.js';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { adoptionCountsFromUsageDays } from '../../helpers/adoption-oracle.js';
import { followUpRowsFromUsageDays } from '../../helpers/follow-up-oracle.js';
import { prng } from '../../helpers/prng.js';

/**
 * The facts-based reports and follow-up list against the from-scratch computations over usage_days, on a generated
 * tenant: usage stored before and after the certificates, days before completion and after
 * "today", revocations, several evaluation days, every grouping and filter.
 */

const TENANT = 'f3b5a1de-0000-4000-8000-000000000001';
const OTHER_TENANT = 'f3b5a1de-0000-4000-8000-000000000002';
const COURSES = ['c-1', 'c-2', 'c-3'];
const LEARNERS = 120;
const TODAYS = ['2026-06-15', '2026-09-01', '2026-11-02', '2027-03-01'];

let dir: string;
let database: DatabaseHandle;

function generate(tenantId: string, random: () => number): void {
  const { sqlite } = database;
  const now = '2026-11-02T10:00:00.000Z';
  sqlite.prepare("INSERT INTO tenants (id, slug, name, webhook_secret_enc, created_at) VALUES (?, ?, 'T', 'x', ?)").run(tenantId, `t-${tenantId.slice(-1)}`, now);
  const learner = sqlite.prepare('INSERT INTO learners (tenant_id, id, name, team, manager_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const certificate = sqlite.prepare(`INSERT INTO certificates (number, tenant_id, course_id, learner_id, learner_name, course_name, completed_at,
    issued_at, status_list_id, status_index, credential_json, credential_jwt, signing_key_id) VALUES (?, ?, ?, ?, 'L', '{"en":"C"}', ?, ?, 'list', ?, '{}', 'jwt', 'key')`);
  const usage = sqlite.prepare(`INSERT INTO usage_days (tenant_id, learner_id, course_id, day, statements) VALUES (?, ?, ?, ?, 1)
    ON CONFLICT DO UPDATE SET statements = statements + 1`);
  const revoke = sqlite.prepare("UPDATE certificates SET revoked_at = ?, revocation_reason = 'test' WHERE number = ?");
  let index = 0;
  for (let l = 0; l < LEARNERS; l++) {
    const id = `L${l}`;
    const team = random() < 0.15 ? null : `team-${l % 7}`;
    learner.run(tenantId, id, `Learner ${l}`, team, random() < 0.15 ? null : `M${l % 11}`, now);
    for (const courseId of COURSES) {
      if (random() < 0.3) continue;
      const completedMs = Date.parse('2026-03-01T00:00:00Z') + Math.floor(random() * 300 * 86_400_000);
      const completedAt = new Date(completedMs).toISOString();
      const completedDay = completedAt.slice(0, 10);
      // Days from 20 before to 130 after completion (many on the window edges), some sent twice.
      const days = Array.from({ length: Math.floor(random() * 25) }, () => {
        const edge = [23, 24, 30, 31, 53, 54, 60, 61, 83, 84, 90, 91, 0, -1][Math.floor(random() * 14)]!;
        return addDays(completedDay, random() < 0.5 ? edge : Math.floor(random() * 150) - 20);
      });
      const split = Math.floor(random() * (days.length + 1));
      for (const day of days.slice(0, split)) usage.run(tenantId, id, courseId, day);
      const number = `${tenantId.slice(-1)}-${index++}`;
      certificate.run(number, tenantId, courseId, id, completedAt, completedAt, index);
      for (const day of days.slice(split)) usage.run(tenantId, id, courseId, day);
      if (random() < 0.1) revoke.run(now, number);
    }
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-adoption-'));
  database = openDatabase(join(dir, 'test.db'));
  const random = prng(7);
  generate(TENANT, random);
  generate(OTHER_TENANT, random);
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const SCOPES = [{}, { courseId: 'c-1' }, { courseId: 'c-2', from: '2026-05-01' }, { from: '2026-04-10', to: '2026-08-31' }, { courseId: 'none' }];
const GROUPINGS: GroupBy[] = ['cohort', 'team', 'manager', 'course'];

describe('adoption facts', () => {
  it('give exactly the counts computed from scratch from usage_days', () => {
    let groups = 0;
    for (const today of TODAYS) {
      for (const filter of SCOPES) {
        for (const groupBy of GROUPINGS) {
          for (const countActiveDays of [false, true]) {
            const options = { scope: { tenantId: TENANT, today, ...filter }, groupBy, countActiveDays };
            const expected = adoptionCountsFromUsageDays(database.db, options);
            expect({ options, counts: queryAdoptionCounts(database.db, options) }).toEqual({ options, counts: expected });
            groups += expected.length;
          }
        }
      }
    }
    // The dataset exercises what it should: many groups, first uses, medians and active days.
    expect(groups).toBeGreaterThan(500);
  });

  it('give exactly the follow-up list computed from scratch from usage_days', () => {
    const fields = (row: FollowUpRow) => {
      const { learnerId, name, email, team, managerId, courseId, completedOn, daysSinceCompletion, lastActiveDay, total } = row;
      return { learnerId, name, email, team, managerId, courseId, completedOn, daysSinceCompletion, lastActiveDay, total };
    };
    let listed = 0;
    for (const today of TODAYS) {
      for (const filter of SCOPES) {
        for (const limit of [7, 1000]) {
          const scope = { tenantId: TENANT, today, ...filter };
          const expected = followUpRowsFromUsageDays(database.db, scope, limit).map(fields);
          expect({ scope, limit, rows: queryFollowUp(database.db, scope, limit).map(fields) }).toEqual({ scope, limit, rows: expected });
          listed += expected.filter((row) => row.lastActiveDay !== null).length;
        }
      }
    }
    expect(listed).toBeGreaterThan(100);
  });

  it('exercise the edge cases of the dataset', () => {
    const { sqlite } = database;
    const row = sqlite
      .prepare(
        `SELECT sum(revoked) AS revoked, sum(hit30) AS hit30, sum(hit60) AS hit60, sum(hit90) AS hit90, sum(first_use IS NULL) AS unused,
          sum(last_use > julianday('2026-09-01') - julianday(completed_day)) AS after_today FROM adoption_facts WHERE tenant_id = ?`,
      )
      .get(TENANT) as Record<string, number>;
    for (const value of Object.values(row)) expect(value).toBeGreaterThan(5);
  });
});
