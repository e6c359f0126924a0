/**
 * Issue 4 benchmarks: signed issuance end to end (HMAC-signed completion webhook → eddsa-rdfc-2022
 * + VC-JWT signed in the worker pool → stored certificate) on both cores, and GET /verify p99
 * latency while that burst is being signed. Run: `npx tsx bench/issuance.ts` (after `npm run build`).
 */
import Database from 'better-sqlite3';
import { signWebhook } from '../src/security/webhook-signature.js';
import { loadAverage } from './lib/machine.js';
import { logLoad, runLoad, runLoadApart, type SerializableLoad } from './lib/load.js';
import { freePort, startServer } from './lib/processes.js';
import { fmt, publishSection, type Row } from './lib/results.js';
import { benchDatabasePath, bulkCopyCertificates, closeSeeded, issueRealCertificates, seedTenant } from './lib/seed.js';

const BURST_S = Number(process.env.BENCH_BURST ?? 20);
const BURST_CONNECTIONS = 32;
const VERIFY_RATE = 100;

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)}s`;
const db = benchDatabasePath('issuance');
const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;
const loadBefore = loadAverage();

console.log('issuance: seeding 10,000 certificates (200 signed for real, the rest bulk copies)');
const { handle, seeded } = await seedTenant(db.path, { slug: 'acme', courses: [{ id: 'safe-ai', name: 'Safe use of AI assistants' }] });
const real = await issueRealCertificates(handle, seeded, { courseId: 'safe-ai', from: 0, count: 200, publicUrl });
const copies = bulkCopyCertificates(handle, { tenantId: seeded.tenant.id, templateNumbers: real, from: 200, count: 9_800 });
closeSeeded(handle);
const verifySet = [...real, ...copies].filter((_, i) => i % 10 === 0);

/** A webhook request for a learner nobody has seen: signed with the tenant's webhook secret. */
let learnerSeq = 0;
function webhook(prefix: string) {
  return (request: { path?: string }) => {
    const i = learnerSeq++;
    const body = JSON.stringify({ courseId: 'safe-ai', learner: { id: `${prefix}-${i}`, name: `Burst Learner ${i}`, email: `${prefix}${i}@example.com` }, completedAt: '2026-11-01T09:00:00Z' });
    return {
      ...request,
      body,
      headers: { 'Content-Type': 'application/json', 'Credence-Tenant': 'acme', 'Credence-Signature': signWebhook(seeded.webhookSecret, body, new Date()) },
    };
  };
}

const server = await startServer({ databasePath: db.path, port, profileName: 'issuance' });
const rows: Row[] = [];
const notes: string[] = [];
let burstCreated = 0;
try {
  // Verify traffic runs from its own process (runLoadApart): in this one, the burst's client work
  // (an HMAC per webhook, autocannon's bookkeeping) delayed reading verify responses by tens of ms.
  const verifyPaths = verifySet.map((number) => `/verify/${number}`);
  const verifyLoad = (label: string, durationS: number): SerializableLoad => ({
    label,
    url: server.url,
    connections: 4,
    overallRate: VERIFY_RATE,
    durationS,
    headers: { Accept: 'application/json' },
    paths: verifyPaths,
  });
  // Warm-up: every verify certificate seen once (signature checks cached), and 300 issuances
  // (JIT, worker contexts, expansion templates), as a running server would be.
  logLoad(await runLoadApart({ ...verifyLoad('verify warm-up', 120), overallRate: undefined, amount: verifySet.length }));
  logLoad(await runLoad({ label: 'issuance warm-up', url: server.url, method: 'POST', path: '/v1/completions', connections: 16, durationS: 60, amount: 300, setupRequest: webhook('warm') }));

  const quiet = await runLoadApart(verifyLoad(`verify alone, ${VERIFY_RATE} req/s`, 10));
  logLoad(quiet);

  console.log(`burst: ${BURST_S}s of signed webhooks (${BURST_CONNECTIONS} connections) with verify at ${VERIFY_RATE} req/s alongside`);
  const memoryBefore = server.memory();
  // The verify process needs about a second to start: it runs 2 s less, so it ends inside the burst.
  const [burst, during] = await Promise.all([
    runLoad({ label: 'completion burst (HMAC webhook)', url: server.url, method: 'POST', path: '/v1/completions', connections: BURST_CONNECTIONS, durationS: BURST_S, setupRequest: webhook('burst') }),
    runLoadApart(verifyLoad(`verify during burst, ${VERIFY_RATE} req/s`, BURST_S - 2)),
  ]);
  logLoad(burst);
  logLoad(during);
  burstCreated = burst.statusCodes['201'] ?? 0;
  const perSecond = burstCreated / burst.seconds;

  // Burst alone (no verify traffic) for the pure issuance rate.
  const alone = await runLoad({ label: 'completion burst alone', url: server.url, method: 'POST', path: '/v1/completions', connections: BURST_CONNECTIONS, durationS: BURST_S, setupRequest: webhook('alone') });
  logLoad(alone);
  const aloneCreated = alone.statusCodes['201'] ?? 0;
  const memory = server.memory();

  rows.push({ metric: 'Signed issuance end to end (webhook → eddsa-rdfc-2022 + VC-JWT → stored), default signer threads (one per core but one, nice 10)', target: '≥ 700/s', measured: `${fmt(aloneCreated / alone.seconds)}/s, p99 ${alone.p99} ms (${BURST_CONNECTIONS} conns)`, ratio: `${Math.round((aloneCreated / alone.seconds / 700) * 100)}% of target`, pass: aloneCreated / alone.seconds >= 700 && alone.non2xx === 0 });
  rows.push({ metric: 'Same, with verify traffic alongside', target: '≥ 700/s', measured: `${fmt(perSecond)}/s, p99 ${burst.p99} ms`, ratio: `${Math.round((perSecond / 700) * 100)}% of target`, pass: perSecond >= 700 && burst.non2xx === 0 });
  rows.push({ metric: `GET /verify p99, ${VERIFY_RATE} req/s, no burst (baseline)`, target: '—', measured: `p50 ${quiet.p50} ms, p99 ${quiet.p99} ms, ${fmt(quiet.rps)} req/s`, pass: null });
  rows.push({ metric: `GET /verify p99 while the burst is signed (${VERIFY_RATE} req/s offered)`, target: '< 50 ms', measured: `p50 ${during.p50} ms, p99 ${during.p99} ms, max ${during.max} ms, ${fmt(during.rps)} req/s`, pass: during.p99 < 50 && during.non2xx === 0 });
  rows.push({ metric: 'Server RSS (before burst / after / peak)', target: '< 250 MB', measured: `${memoryBefore.rssMb} / ${memory.rssMb} / ${memory.hwmMb} MB`, pass: memory.hwmMb < 250 });
  notes.push(`Load average (1/5/15 min) before the run: ${loadBefore}; after: ${loadAverage()}.`);
} finally {
  await server.stop();
}

// End to end means stored: count the burst's certificates in the database after the server stopped.
const check = new Database(db.path, { readonly: true });
const stored = (check.prepare("SELECT count(*) AS n FROM certificates WHERE learner_id LIKE 'burst-%'").get() as { n: number }).n;
const withProof = (check.prepare("SELECT count(*) AS n FROM certificates WHERE learner_id LIKE 'burst-%' AND credential_json LIKE '%eddsa-rdfc-2022%' AND length(credential_jwt) > 100").get() as { n: number }).n;
check.close();
db.cleanup();
notes.push(`Stored after the burst: ${fmt(stored)} certificates for ${fmt(burstCreated)} 201 responses, ${fmt(withProof)} with a Data Integrity proof and a JWT.`);

publishSection({ name: 'issuance', heading: 'Issue 4 — signed issuance', rows, notes });
console.log(`issuance: done in ${elapsed()}`);
