/**
 * Issue 3 benchmarks: GET /verify/:number (JSON) against a plain Express "hello" server,
 * cached PDF re-download, completions with unique learners, server RSS. 100,000 certificates.
 * Run: `npx tsx bench/core.ts` (after `npm run build`). Writes its section of bench/RESULTS.md.
 */
import { logLoad, medianLoad, runLoad, type LoadResult } from './lib/load.js';
import { freePort, startHello, startServer } from './lib/processes.js';
import { fmt, pct, publishSection, type Row } from './lib/results.js';
import { benchDatabasePath, bulkCopyCertificates, closeSeeded, issueRealCertificates, learnerId, seedTenant } from './lib/seed.js';

const TOTAL_CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 100_000);
const REAL_CERTIFICATES = 500;
const WORKING_SET = 2_000;
const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const RUNS = 3;

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)}s`;
const db = benchDatabasePath('core');
const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;

console.log(`core: seeding ${fmt(TOTAL_CERTIFICATES)} certificates (${REAL_CERTIFICATES} signed for real, the rest bulk copies)`);
const { handle, seeded } = await seedTenant(db.path, { slug: 'acme', courses: [{ id: 'safe-ai', name: 'Safe use of AI assistants' }] });
const real = await issueRealCertificates(handle, seeded, { courseId: 'safe-ai', from: 0, count: REAL_CERTIFICATES, publicUrl });
const copies = bulkCopyCertificates(handle, {
  tenantId: seeded.tenant.id,
  templateNumbers: real,
  from: REAL_CERTIFICATES,
  count: TOTAL_CERTIFICATES - REAL_CERTIFICATES,
});
closeSeeded(handle);
const numbers = [...real, ...copies];
console.log(`  seeded ${fmt(numbers.length)} certificates in ${elapsed()}`);

const hello = await startHello();
const helloLikeCredence = await startHello({ likeCredence: true });
const server = await startServer({ databasePath: db.path, port, profileName: 'core' });
const rows: Row[] = [];
const notes: string[] = [];
const startMemory = server.memory();
try {
  // Sanity: a real and a copied certificate verify with every check passing.
  for (const number of [real[0]!, copies[0]!]) {
    const response = await fetch(`${server.url}/verify/${number}`, { headers: { Accept: 'application/json' } });
    const body = (await response.json()) as { status: string; checks: Array<{ check: string; ok?: boolean; status?: string }> };
    console.log(`  sanity ${number}: HTTP ${response.status}, status ${body.status}, checks ${JSON.stringify(body.checks.map((c) => [c.check, c.ok ?? c.status]))}`);
  }

  // Working set: 2,000 distinct certificates spread over the table, each verified once first
  // (the first verify of a certificate runs the full signature check; later ones hit the cache).
  const setSize = Math.min(WORKING_SET, Math.floor(numbers.length / 2));
  const step = Math.floor(numbers.length / setSize);
  const workingSet = Array.from({ length: setSize }, (_, i) => numbers[i * step]!);
  let next = 0;
  const rotateVerify = (request: { path?: string }) => ({ ...request, path: `/verify/${workingSet[next++ % workingSet.length]}` });
  const warm = await runLoad({ label: 'verify warm-up (first sight of the working set)', url: server.url, connections: CONNECTIONS, durationS: 120, amount: setSize, headers: { Accept: 'application/json' }, setupRequest: rotateVerify });
  logLoad(warm);

  console.log(`verify vs hello: ${RUNS} alternating runs of ${DURATION_S}s, ${CONNECTIONS} connections`);
  const helloRuns: LoadResult[] = [];
  const helloLikeCredenceRuns: LoadResult[] = [];
  const verifyRuns: LoadResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const h = await runLoad({ label: `hello #${i + 1}`, url: hello.url, path: '/hello', connections: CONNECTIONS, durationS: DURATION_S });
    logLoad(h);
    helloRuns.push(h);
    const hc = await runLoad({ label: `hello on createExpressServer #${i + 1}`, url: helloLikeCredence.url, path: '/hello', connections: CONNECTIONS, durationS: DURATION_S });
    logLoad(hc);
    helloLikeCredenceRuns.push(hc);
    const v = await runLoad({ label: `verify JSON #${i + 1}`, url: server.url, connections: CONNECTIONS, durationS: DURATION_S, headers: { Accept: 'application/json' }, setupRequest: rotateVerify });
    logLoad(v);
    verifyRuns.push(v);
  }
  const median = (runs: LoadResult[]) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
  const helloMedian = median(helloRuns);
  const verifyMedian = median(verifyRuns);
  const ratio = verifyMedian.rps / helloMedian.rps;
  rows.push({ metric: 'Express "hello" (ratio base)', target: '—', measured: `${fmt(helloMedian.rps)} req/s, p99 ${helloMedian.p99} ms`, pass: null });
  rows.push({
    metric: 'GET /verify/:number JSON, 2,000-certificate working set of 100k (cached signature checks)',
    target: '≥ 50% of hello',
    measured: `${fmt(verifyMedian.rps)} req/s, p99 ${verifyMedian.p99} ms`,
    ratio: pct(verifyMedian.rps, helloMedian.rps),
    pass: ratio >= 0.5 && verifyMedian.non2xx === 0,
  });
  const helloLikeCredenceMedian = median(helloLikeCredenceRuns);
  rows.push({
    metric: 'Same "hello" served like Credence serves itself (createExpressServer, not app.listen)',
    target: '— (info)',
    measured: `${fmt(helloLikeCredenceMedian.rps)} req/s, p99 ${helloLikeCredenceMedian.p99} ms; verify is ${pct(verifyMedian.rps, helloLikeCredenceMedian.rps)} of it`,
    pass: null,
  });

  // Cold path: certificates never verified before (full eddsa-rdfc-2022 verification each).
  // BENCH_WARM_ONLY=1 skips it and the completions (to profile the cached paths alone).
  const warmOnly = process.env.BENCH_WARM_ONLY === '1';
  let cold = 0;
  const unseen = numbers.filter((_, i) => i % step !== 0);
  const coldRun = warmOnly ? undefined : await runLoad({
    label: 'verify JSON, first sight (uncached)',
    url: server.url,
    connections: CONNECTIONS,
    durationS: DURATION_S,
    headers: { Accept: 'application/json' },
    setupRequest: (request) => ({ ...request, path: `/verify/${unseen[cold++ % unseen.length]}` }),
  });
  if (coldRun) logLoad(coldRun);
  if (coldRun) rows.push({
    metric: 'GET /verify/:number JSON, certificates never verified before',
    target: '— (info)',
    measured: `${fmt(coldRun.rps)} req/s, p99 ${coldRun.p99} ms`,
    ratio: pct(coldRun.rps, helloMedian.rps),
    pass: null,
  });

  // Cached PDF: render 50 once, then re-download them (full bytes, no If-None-Match).
  const pdfSet = workingSet.slice(0, 50);
  let pdfBytes = 0;
  for (const number of pdfSet) {
    const response = await fetch(`${server.url}/certificates/${number}.pdf`);
    pdfBytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`PDF render failed: HTTP ${response.status}`);
  }
  let p = 0;
  const { median: pdf } = await medianLoad(
    { label: 'cached PDF re-download', url: server.url, connections: CONNECTIONS, durationS: DURATION_S, setupRequest: (request) => ({ ...request, path: `/certificates/${pdfSet[p++ % pdfSet.length]}.pdf` }) },
    1,
  );
  rows.push({ metric: `Cached PDF re-download (${fmt(pdfBytes)} B, 50 certificates)`, target: '≥ 2,000 req/s', measured: `${fmt(pdf.rps)} req/s, p99 ${pdf.p99} ms`, ratio: pct(pdf.rps, helloMedian.rps), pass: pdf.rps >= 2000 && pdf.non2xx === 0 });

  // Completions: a unique learner per request, so every request signs and stores a new credential.
  // Warm-up as in bench/issuance.ts: 300 issuances first (signer threads' JIT and expansion
  // templates, the open status list's bits), not counted.
  let learner = TOTAL_CERTIFICATES + 1;
  const completionRequest = (request: { path?: string }) => {
    const i = learner++;
    return { ...request, body: JSON.stringify({ courseId: 'safe-ai', learner: { id: learnerId(i), name: `Learner ${i}`, email: `l${i}@example.com` }, completedAt: '2026-11-01T09:00:00Z' }) };
  };
  const completionHeaders = { Authorization: `Bearer ${seeded.apiKey}`, 'Content-Type': 'application/json' };
  if (!warmOnly) logLoad(await runLoad({ label: 'completions warm-up', url: server.url, method: 'POST', path: '/v1/completions', connections: 16, durationS: 60, amount: 300, headers: completionHeaders, setupRequest: completionRequest }));
  // Three runs of 10 s, the median reported (as for verify and hello): single runs of this
  // signing-bound path moved by a fifth with the machine's speed.
  const completionRuns = warmOnly ? undefined : await medianLoad(
    { label: 'POST /v1/completions (unique learners)', url: server.url, method: 'POST', path: '/v1/completions', connections: 32, durationS: 10, headers: completionHeaders, setupRequest: completionRequest },
    3,
  );
  const createdPerSecond = (run: LoadResult) => (run.statusCodes['201'] ?? 0) / run.seconds;
  if (completionRuns) {
    const { median } = completionRuns;
    const createdPerS = createdPerSecond(median);
    const allCreated = completionRuns.all.every((run) => run.non2xx === 0 && createdPerSecond(run) > 0);
    rows.push({ metric: 'POST /v1/completions, unique learners (201 = signed + stored), median of 3 runs', target: '≥ 1,500/s', measured: `${fmt(createdPerS)}/s, p99 ${median.p99} ms (32 conns)`, ratio: pct(createdPerS, helloMedian.rps), pass: createdPerS >= 1500 && allCreated });
  }

  const memory = server.memory();
  rows.push({ metric: 'Server RSS after the runs (VmRSS / peak VmHWM)', target: '< 250 MB', measured: `${memory.rssMb} MB / ${memory.hwmMb} MB peak`, pass: memory.hwmMb < 250 });
  notes.push(
    `Warm-up (first sight of the 2,000-certificate working set, full signature verification): ${fmt(warm.rps)} req/s.`,
    `Verify runs (req/s): ${verifyRuns.map((r) => fmt(r.rps)).join(', ')}; hello runs: ${helloRuns.map((r) => fmt(r.rps)).join(', ')} (median of each reported).`,
    `Server RSS right after start (default signer threads, 100k-row database): ${startMemory.rssMb} MB; hello server RSS: ${hello.memory().rssMb} MB.`,
    ...(completionRuns ? [`Completion runs (201/s): ${completionRuns.all.map((run) => fmt(createdPerSecond(run))).join(', ')}.`] : []),
  );
} finally {
  await server.stop();
  await hello.stop();
  await helloLikeCredence.stop();
  db.cleanup();
}

publishSection({ name: 'core', heading: 'Issue 3 — core service', rows, notes });
console.log(`core: done in ${elapsed()}`);
