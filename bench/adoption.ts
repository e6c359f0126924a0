/**
 * Adoption report on a large tenant: 100,000 completions and 5,000,000 active days in a temp
 * SQLite file, then the report for one course and for the whole tenant (median of several runs).
 * Run: `npx tsx bench/adoption.ts [runs]`. Prints a Markdown section for bench/RESULTS.md.
 * `BENCH_DB=/path/file.db` keeps the generated database there and reuses it on later runs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { adoptionReport } from '../src/analytics/adoption-report.js';
import { followUpList } from '../src/analytics/follow-up.js';
import { openDatabase } from '../src/db/client.js';

const RUNS = Number(process.argv[2] ?? 7);
const TODAY = '2026-11-02';
const COMPLETIONS = 100_000;
const ACTIVE_DAYS = 5_000_000;
const COURSES = 10;
/** 70% of completers use the skill at all; each user gets 71 or 72 active days to total exactly 5M. */
const USERS = 70_000;
const TENANT = 'bench-tenant';

/** Seeded PRNG (mulberry32) so every run generates the same data. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const kept = process.env.BENCH_DB;
const reuse = kept !== undefined && existsSync(kept);
const dir = mkdtempSync(join(tmpdir(), 'credence-bench-'));
const database = openDatabase(kept ?? join(dir, 'bench.db'));
const { sqlite } = database;
const random = prng(42);
const pad = (n: number, width = 6) => String(n).padStart(width, '0');
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const todayMs = Date.parse(`${TODAY}T00:00:00Z`);

function generate(): void {
  // Bulk load without durability: a crash only loses a throwaway file.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const now = `${TODAY}T10:00:00.000Z`;
  sqlite.prepare("INSERT INTO tenants (id, slug, name, webhook_secret_enc, created_at) VALUES (?, 'bench', 'Bench', 'x', ?)").run(TENANT, now);
  const course = sqlite.prepare(`INSERT INTO courses (tenant_id, id, name, description, criteria, minutes_saved_per_active_day, hourly_cost, created_at, updated_at)
    VALUES (?, ?, '{"en":"Course"}', '{"en":"About"}', '{"en":"Pass"}', 15, 600, ?, ?)`);
  for (let c = 0; c < COURSES; c++) course.run(TENANT, `course-${pad(c, 2)}`, now, now);
  const learner = sqlite.prepare('INSERT INTO learners (tenant_id, id, name, team, manager_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const certificate = sqlite.prepare(`INSERT INTO certificates (number, tenant_id, course_id, learner_id, learner_name, course_name, completed_at,
    issued_at, status_list_id, status_index, credential_json, credential_jwt, signing_key_id) VALUES (?, ?, ?, ?, ?, '{"en":"Course"}', ?, ?, 'list-1', ?, ?, ?, 'key-1')`);
  const usage = sqlite.prepare('INSERT INTO usage_days (tenant_id, learner_id, course_id, day, statements) VALUES (?, ?, ?, ?, ?)');
  // Certificates carry realistic payloads (~1.5 KB credential, ~2 KB JWT) so table pages are as sparse as in production.
  const credentialJson = JSON.stringify({ padding: 'x'.repeat(1500) });
  const credentialJwt = 'e'.repeat(2000);
  const learners = COMPLETIONS / 2;
  const offsets = Array.from({ length: 486 }, (_, i) => i - 120);
  let index = 0;
  let days = 0;
  sqlite.transaction(() => {
    for (let l = 0; l < learners; l++) {
      const id = `L${pad(l)}`;
      learner.run(TENANT, id, `Learner ${l}`, `team-${pad(l % 500, 3)}`, `M${pad(l % 2000, 4)}`, now);
    }
  })();
  // Each learner completes two different courses (course 0 gets 40% of all completions).
  const insertBatch = sqlite.transaction((from: number, to: number) => {
    for (let l = from; l < to; l++) {
      const id = `L${pad(l)}`;
      const first = random() < 0.8 ? 0 : 1 + Math.floor(random() * (COURSES - 1));
      const second = 1 + ((first + Math.floor(random() * (COURSES - 2))) % (COURSES - 1));
      for (const c of [first, second].sort((a, b) => a - b)) {
        const courseId = `course-${pad(c, 2)}`;
        const completedMs = todayMs - Math.floor(random() * 540) * 86_400_000 + 36_000_000;
        const completedAt = new Date(completedMs).toISOString();
        certificate.run(`cert-${pad(index, 8)}`, TENANT, courseId, id, `Learner ${l}`, completedAt, completedAt, index, credentialJson, credentialJwt);
        if (index < USERS) {
          // Partial Fisher-Yates over day offsets −120…365 (trial use before completion is realistic).
          const count = index < 30_000 ? 72 : 71;
          const age = Math.floor((todayMs - completedMs) / 86_400_000);
          const range = Math.min(offsets.length, age + 121);
          for (let i = 0; i < count; i++) {
            const j = i + Math.floor(random() * (range - i));
            [offsets[i], offsets[j]] = [offsets[j]!, offsets[i]!];
          }
          const picked = offsets.slice(0, count).sort((a, b) => a - b);
          const base = Date.parse(completedAt.slice(0, 10));
          for (const offset of picked) usage.run(TENANT, id, courseId, dayOf(base + offset * 86_400_000), 1 + Math.floor(random() * 5));
          days += count;
        }
        index++;
      }
    }
  });
  for (let l = 0; l < learners; l += 5000) insertBatch(l, Math.min(learners, l + 5000));
  sqlite.exec('ANALYZE');
  // Back to the server's settings so the timings below are what production would see.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -2000');
  if (index !== COMPLETIONS || days !== ACTIVE_DAYS) throw new Error(`generated ${index} completions and ${days} active days`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(label: string, run: () => unknown): string {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  const row = `| ${label} | ${median(samples).toFixed(0)} ms | ${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)} ms |`;
  console.log(row);
  return row;
}

try {
  const started = performance.now();
  if (!reuse) generate();
  const generatedIn = ((performance.now() - started) / 1000).toFixed(1);
  const deps = { db: database.db, now: () => new Date(`${TODAY}T10:00:00Z`) };
  const tenantId = TENANT;
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  console.log(`## Adoption analytics (issue 6)\n`);
  console.log(`${new Date().toISOString().slice(0, 10)}; ${cpus().length} cores (${cpu}); ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; SQLite ${String((sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v)}.`);
  console.log(`Data: ${COMPLETIONS.toLocaleString('en')} completions (${COURSES} courses, course-00 holds about 40%), ${ACTIVE_DAYS.toLocaleString('en')} active days, generated in ${generatedIn} s. Median of ${RUNS} runs (min–max):\n`);
  console.log('| Query | Median | Range |\n|---|---|---|');
  time('adoption, one course, by cohort (with value estimate)', () => adoptionReport(deps, { tenantId, courseId: 'course-00', groupBy: 'cohort' }));
  time('adoption, whole tenant, by cohort', () => adoptionReport(deps, { tenantId, groupBy: 'cohort' }));
  time('adoption, whole tenant, by team', () => adoptionReport(deps, { tenantId, groupBy: 'team' }));
  time('adoption, whole tenant, by manager', () => adoptionReport(deps, { tenantId, groupBy: 'manager' }));
  time('adoption, whole tenant, by course (with value estimate)', () => adoptionReport(deps, { tenantId, groupBy: 'course' }));
  time('follow-up list, whole tenant (first 1,000)', () => followUpList(deps, { tenantId, limit: 1000 }));
} finally {
  database.close();
  rmSync(dir, { recursive: true, force: true });
}
