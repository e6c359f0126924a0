/**
 * Issue 5 benchmarks on SQLite with 1,000,000 usage_days rows: xAPI ingest in batches of 500,
 * and GET /verify (JSON, with usage evidence) for credentials with 2 years of daily activity.
 * Run: `npx tsx bench/usage.ts` (after `npm run build`). Writes its section of bench/RESULTS.md.
 */
import Database from 'better-sqlite3';
import { loadAverage } from './lib/machine.js';
import { logLoad, runLoad } from './lib/load.js';
import { freePort, startServer } from './lib/processes.js';
import { fmt, publishSection, type Row } from './lib/results.js';
import { benchDatabasePath, bulkCopyCertificates, bulkInsertUsageDays, closeSeeded, dayBefore, issueRealCertificates, learnerEmail, learnerId, seedTenant } from './lib/seed.js';

const USAGE_DAYS = 1_000_000;
const HEAVY = 100; // learners with 2 years of daily activity (730 active days each)
const LEARNERS = 20_000;
const BATCH = 500;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const ACTIVITY = 'https://tools.example.com/ai-assistant';
const TODAY = new Date().toISOString().slice(0, 10); // the server's clock is real: days are relative to today

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)}s`;
const db = benchDatabasePath('usage');
const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;
const loadBefore = loadAverage();

console.log(`usage: seeding ${fmt(LEARNERS)} certificates and ${fmt(USAGE_DAYS)} usage_days rows`);
const { handle, seeded } = await seedTenant(db.path, {
  slug: 'acme',
  courses: [{ id: 'safe-ai', name: 'Safe use of AI assistants', usage: { activities: [ACTIVITY], halfLifeDays: 30 } }],
});
const heavy = await issueRealCertificates(handle, seeded, { courseId: 'safe-ai', from: 0, count: HEAVY, publicUrl });
bulkCopyCertificates(handle, { tenantId: seeded.tenant.id, templateNumbers: heavy, from: HEAVY, count: LEARNERS - HEAVY });
// Deterministic spread: learners 0..99 active every day for 730 days; the others share the rest
// of the 1,000,000 rows, each on distinct days within the same two years.
let seededRows = 0;
const inserted = bulkInsertUsageDays(handle, { tenantId: seeded.tenant.id }, (emit) => {
  for (let i = 0; i < HEAVY; i++) for (let d = 0; d < 730; d++) emit(learnerId(i), 'safe-ai', dayBefore(TODAY, d), 1 + (d % 5));
  seededRows = HEAVY * 730;
  const others = LEARNERS - HEAVY;
  const rest = USAGE_DAYS - seededRows;
  for (let k = 0; k < others; k++) {
    const count = Math.floor(rest / others) + (k < rest % others ? 1 : 0);
    const stride = Math.floor(730 / count);
    for (let j = 0; j < count; j++) emit(learnerId(HEAVY + k), 'safe-ai', dayBefore(TODAY, 1 + ((j * stride + k) % 729)), 1);
  }
});
closeSeeded(handle);
console.log(`  seeded ${fmt(inserted)} usage_days rows in ${elapsed()}`);

const server = await startServer({ databasePath: db.path, port, profileName: 'usage' });
const rows: Row[] = [];
const notes: string[] = [];
try {
  const sanity = (await (await fetch(`${server.url}/verify/${heavy[0]}`, { headers: { Accept: 'application/json' } })).json()) as {
    usage: { state: string; score: number; activeWeeksLast12: number; attestation?: unknown } | null;
  };
  console.log(`  sanity: usage ${JSON.stringify({ ...sanity.usage, attestation: sanity.usage?.attestation ? 'signed' : 'missing', weeks: undefined })}`);

  // Warm-up: each heavy certificate once (full signature check, attestation signed for the day).
  let v = 0;
  const rotate = (request: { path?: string }) => ({ ...request, path: `/verify/${heavy[v++ % heavy.length]}` });
  logLoad(await runLoad({ label: 'verify+usage warm-up', url: server.url, connections: 4, durationS: 60, amount: HEAVY * 2, headers: { Accept: 'application/json' }, setupRequest: rotate }));

  const paced = await runLoad({ label: 'verify+usage, 200 req/s offered', url: server.url, connections: 4, overallRate: 200, durationS: DURATION_S, headers: { Accept: 'application/json' }, setupRequest: rotate });
  logLoad(paced);
  const saturated = await runLoad({ label: 'verify+usage, 10 connections flat out', url: server.url, connections: 10, durationS: DURATION_S, headers: { Accept: 'application/json' }, setupRequest: rotate });
  logLoad(saturated);

  // Ingest: batches of 500 new statements (unique ids) from the 19,900 other learners, on days
  // spread over the last two years, so most statements add a new active day.
  let seq = 0;
  const batch = () => {
    const statements = new Array(BATCH);
    for (let j = 0; j < BATCH; j++) {
      const n = seq++;
      const learner = HEAVY + ((n * 7919) % (LEARNERS - HEAVY));
      const day = dayBefore(TODAY, (n * 31) % 730);
      statements[j] = {
        id: `10000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        actor: { mbox: `mailto:${learnerEmail(learner)}` },
        verb: { id: 'http://adlnet.gov/expapi/verbs/interacted' },
        object: { id: `${ACTIVITY}/session/${n % 97}` },
        timestamp: `${day}T${String(8 + (n % 10)).padStart(2, '0')}:15:00Z`,
      };
    }
    return JSON.stringify(statements);
  };
  const probe = await fetch(`${server.url}/v1/usage/statements`, { method: 'POST', headers: { Authorization: `Bearer ${seeded.apiKey}`, 'Content-Type': 'application/json' }, body: batch() });
  console.log(`  sanity ingest: HTTP ${probe.status} ${await probe.text()}`);
  const ingest = await runLoad({
    label: `ingest, batches of ${BATCH}`,
    url: server.url,
    method: 'POST',
    path: '/v1/usage/statements',
    connections: 4,
    durationS: DURATION_S,
    headers: { Authorization: `Bearer ${seeded.apiKey}`, 'Content-Type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: batch() }),
  });
  logLoad(ingest);
  const statementsPerS = (ingest.ok * BATCH) / ingest.seconds;
  const memory = server.memory();

  rows.push({ metric: `xAPI ingest, batches of ${BATCH} (new ids, 19,900 learners, 1M-row table)`, target: '≥ 20,000 statements/s', measured: `${fmt(statementsPerS)} statements/s (${fmt(ingest.rps)} batches/s, p99 ${ingest.p99} ms)`, ratio: `${Math.round((statementsPerS / 20_000) * 100)}% of target`, pass: statementsPerS >= 20_000 && ingest.non2xx === 0 });
  rows.push({ metric: 'GET /verify JSON with usage (730 active days), 200 req/s offered', target: 'p99 < 20 ms', measured: `p50 ${paced.p50} ms, p99 ${paced.p99} ms, max ${paced.max} ms (${fmt(paced.rps)} req/s)`, pass: paced.p99 < 20 && paced.non2xx === 0 });
  rows.push({ metric: 'Same, 10 connections flat out', target: 'p99 < 20 ms', measured: `p50 ${saturated.p50} ms, p99 ${saturated.p99} ms (${fmt(saturated.rps)} req/s)`, pass: saturated.p99 < 20 && saturated.non2xx === 0 });
  rows.push({ metric: 'Server RSS (now / peak)', target: '< 250 MB', measured: `${memory.rssMb} / ${memory.hwmMb} MB`, pass: memory.hwmMb < 250 });
  notes.push(
    `Usage evidence on the heavy credentials: state ${sanity.usage?.state}, score ${sanity.usage?.score}, attestation ${sanity.usage?.attestation ? 'signed' : 'missing'}.`,
    `Load average (1/5/15 min) before the run: ${loadBefore}; after: ${loadAverage()}.`,
  );
} finally {
  await server.stop();
}
const check = new Database(db.path, { readonly: true });
const total = (check.prepare('SELECT count(*) AS n FROM usage_days').get() as { n: number }).n;
check.close();
db.cleanup();
notes.push(`usage_days rows: ${fmt(inserted)} seeded, ${fmt(total)} after ingest.`);

publishSection({ name: 'usage', heading: 'Issue 5 — usage evidence', rows, notes });
console.log(`usage: done in ${elapsed()}`);
