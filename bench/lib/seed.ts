/**
 * Seeding bench databases with the project's own modules: a tenant (provisionTenant), courses
 * (createCourse), real signed certificates (issueCertificate with the in-process signer), bulk
 * copies of those rows for volume, and usage_days with prepared bulk inserts in transactions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCourse } from '../../src/courses/course-service.js';
import { createInProcessSigner } from '../../src/credentials/in-process-signer.js';
import { parseMasterKey } from '../../src/credentials/secret-box.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import type { LocalizedText } from '../../src/db/schema.js';
import { findTenantById, type Tenant } from '../../src/db/tenants-repository.js';
import type { CreateCourseInput } from '../../src/http/schemas/course-input.js';
import { issueCertificate } from '../../src/issuance/issue-certificate.js';
import { provisionTenant } from '../../src/tenants/provision-tenant.js';
import { BENCH_MASTER_KEY } from './processes.js';

/** Issue dates in the seed are fixed so every run builds the same data. */
export const SEED_NOW = new Date('2026-11-02T10:00:00.000Z');

/** A temp directory with a fresh database file path; `cleanup()` removes it (unless BENCH_KEEP=1). */
export function benchDatabasePath(name: string): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `credence-bench-${name}-`));
  return {
    path: join(dir, 'bench.db'),
    cleanup: () => {
      if (process.env.BENCH_KEEP === '1') console.log(`  kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A seeded tenant and what the benchmarks need to call the API as it. */
export interface SeededTenant {
  tenant: Tenant;
  apiKey: string;
  webhookSecret: string;
  masterKey: Buffer;
}

/** Opens the database (applying migrations) and provisions a tenant with the given courses. */
export async function seedTenant(
  path: string,
  options: { slug: string; courses: Array<{ id: string; name: string; usage?: { activities: string[]; halfLifeDays: number } }> },
): Promise<{ handle: DatabaseHandle; seeded: SeededTenant }> {
  const handle = openDatabase(path);
  const masterKey = parseMasterKey(BENCH_MASTER_KEY);
  const deps = { db: handle.db, masterKey, now: () => SEED_NOW };
  const provisioned = await provisionTenant(deps, { slug: options.slug, name: 'Acme Learning Academy' });
  for (const course of options.courses) {
    const input: CreateCourseInput = {
      id: course.id,
      name: { en: course.name } as LocalizedText,
      description: { en: 'Demonstrates the safe and effective use of AI coding assistants in everyday engineering work.' } as LocalizedText,
      criteria: { en: 'Completed all six modules of the course and passed the final assessment with at least 80%.' } as LocalizedText,
      usage: course.usage ?? null,
    };
    createCourse(deps, provisioned.tenant.id, input);
  }
  const tenant = findTenantById(handle.db, provisioned.tenant.id)!;
  return { handle, seeded: { tenant, apiKey: provisioned.apiKey, webhookSecret: provisioned.webhookSecret, masterKey } };
}

/** Learner ids, names and emails used throughout the seeds: `learner-000042`, learner000042@example.com. */
export const learnerId = (i: number) => `learner-${String(i).padStart(6, '0')}`;
export const learnerEmail = (i: number) => `learner${String(i).padStart(6, '0')}@example.com`;

/**
 * Issues `count` real certificates through issueCertificate (in-process eddsa-rdfc-2022 and
 * VC-JWT signing, status slot allocation, learner upsert): exactly what the completion route does.
 * Returns their numbers.
 */
export async function issueRealCertificates(
  handle: DatabaseHandle,
  seeded: SeededTenant,
  options: { courseId: string; from: number; count: number; publicUrl: string },
): Promise<string[]> {
  const signer = createInProcessSigner();
  const deps = { db: handle.db, now: () => SEED_NOW, masterKey: seeded.masterKey, signer, publicUrl: options.publicUrl };
  const numbers: string[] = [];
  for (let i = options.from; i < options.from + options.count; i++) {
    const { certificate } = await issueCertificate(deps, seeded.tenant, {
      courseId: options.courseId,
      learner: { id: learnerId(i), name: `Learner ${i}`, email: learnerEmail(i) },
      completedAt: '2026-10-30T12:00:00.000Z',
    });
    numbers.push(certificate.number);
  }
  return numbers;
}

/** A deterministic v4-shaped UUID for bulk-copied certificate `i`. */
export const copyNumber = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/**
 * Fills the certificates table up to `total` rows by copying the real signed rows with new
 * numbers, learner ids, learner names and status slots (and a learner row each). The copies keep
 * the template's signed credential (same size and shape as a real one), so a verify of a copy does
 * exactly the work of a real verify: row lookup by number, JSON parse, full signature check on
 * first sight, then the cached path. Returns the copied numbers.
 */
export function bulkCopyCertificates(
  handle: DatabaseHandle,
  options: { tenantId: string; templateNumbers: string[]; from: number; count: number },
): string[] {
  const { sqlite } = handle;
  const templates = options.templateNumbers.map(
    (n) => sqlite.prepare('SELECT * FROM certificates WHERE number = ?').get(n) as Record<string, unknown>,
  );
  const columns = Object.keys(templates[0]!);
  const insert = sqlite.prepare(`INSERT INTO certificates (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const learner = sqlite.prepare(
    'INSERT INTO learners (tenant_id, id, name, email, email_sha1, updated_at) VALUES (?, ?, ?, ?, NULL, ?)',
  );
  const numbers: string[] = [];
  const BATCH = 10_000;
  for (let start = 0; start < options.count; start += BATCH) {
    sqlite.transaction(() => {
      for (let k = start; k < Math.min(options.count, start + BATCH); k++) {
        const i = options.from + k;
        const template = templates[k % templates.length]!;
        const number = copyNumber(i);
        insert.run({
          ...template,
          number,
          learner_id: learnerId(i),
          learner_name: `Learner ${i}`,
          status_list_id: `bench-copy-${Math.floor(i / 65_536)}`,
          status_index: i % 65_536,
        });
        learner.run(options.tenantId, learnerId(i), `Learner ${i}`, learnerEmail(i), SEED_NOW.toISOString());
        numbers.push(number);
      }
    })();
  }
  return numbers;
}

/** UTC day `offset` days before `end` ('YYYY-MM-DD'). */
export function dayBefore(end: string, offset: number): string {
  return new Date(Date.parse(`${end}T00:00:00Z`) - offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Inserts usage_days rows with one prepared statement in transactions of 50,000 rows.
 * `rows(emit)` calls emit(learnerId, courseId, day, statements) once per row.
 */
export function bulkInsertUsageDays(
  handle: DatabaseHandle,
  options: { tenantId: string; sourceId?: string | null },
  rows: (emit: (learner: string, courseId: string, day: string, statements: number) => void) => void,
): number {
  const { sqlite } = handle;
  const insert = sqlite.prepare(
    'INSERT INTO usage_days (tenant_id, learner_id, course_id, day, statements, source_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const TX = 50_000;
  let pending: Array<[string, string, string, number]> = [];
  let total = 0;
  const flush = sqlite.transaction((batch: Array<[string, string, string, number]>) => {
    for (const [learner, courseId, day, statements] of batch) insert.run(options.tenantId, learner, courseId, day, statements, options.sourceId ?? null);
  });
  rows((learner, courseId, day, statements) => {
    pending.push([learner, courseId, day, statements]);
    if (pending.length >= TX) {
      flush(pending);
      total += pending.length;
      pending = [];
    }
  });
  flush(pending);
  total += pending.length;
  return total;
}

/** Checkpoints the WAL and closes, so the server starts on a settled file (no ANALYZE: production never runs it either). */
export function closeSeeded(handle: DatabaseHandle): void {
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
}
