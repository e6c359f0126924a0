/**
 * Issue 9 benchmarks: `POST /credentials/issue` with a realistic ~1.7 KB Open Badges 3.0
 * credential and `POST /credentials/verify` with the signed result, each against an Express
 * "hello" POST with the same body in the same run (autocannon -c 10 -d 20).
 * Run: `npx tsx bench/vc-api.ts` (after `npm run bench:build` or `npm run build`).
 */
import { randomUUID } from 'node:crypto';
import { didWebForIssuer } from '../src/credentials/issuer-keys.js';
import { loadAverage } from './lib/machine.js';
import { logLoad, runLoad, type LoadResult } from './lib/load.js';
import { freePort, startHello, startServer } from './lib/processes.js';
import { fmt, pct, publishSection, type Row } from './lib/results.js';
import { benchDatabasePath, closeSeeded, seedTenant } from './lib/seed.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = 10;
/** A widely used open-source signing service on this machine with this work (issue 9). */
const REFERENCE_PER_S = 150;
const AIM_PER_S = 700;
const VERIFY_SET = 200;

const db = benchDatabasePath('vc-api');
const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;
const loadBefore = loadAverage();
const { handle, seeded } = await seedTenant(db.path, { slug: 'acme', courses: [] });
closeSeeded(handle);
const issuer = { id: didWebForIssuer(publicUrl, 'acme'), type: ['Profile'], name: 'Acme Learning Academy', url: 'https://acme.example' };

/** An unsigned OB 3.0 AchievementCredential for learner `i` (≈ 1.7 KB as a request body). */
function openBadge(i: number): object {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Safe use of AI assistants',
    issuer,
    validFrom: '2026-11-01T09:00:00Z',
    validUntil: '2028-11-01T09:00:00Z',
    evidence: [
      {
        id: `https://acme.example/evidence/${i}`,
        type: ['Evidence'],
        name: 'Reviewed pull request',
        narrative: 'A pull request written with an AI assistant, reviewed by a senior engineer for correctness, licensing and data protection.',
      },
    ],
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: `sha256$${Buffer.from(`learner${i}@example.com`).toString('hex').padEnd(64, '0').slice(0, 64)}`,
          identityType: 'emailAddress',
          hashed: true,
          salt: 'c2VjcmV0LXNhbHQ',
        },
      ],
      name: `Bench Learner ${i}`,
      achievement: {
        id: 'https://acme.example/achievements/safe-ai',
        type: ['Achievement'],
        name: 'Safe use of AI assistants',
        description: 'Demonstrates the safe and effective use of AI coding assistants in everyday engineering work: prompting, reviewing generated code, and protecting confidential data.',
        criteria: { narrative: 'Completed all six modules of the course, submitted a reviewed pull request produced with an assistant, and passed the final assessment with at least 80%.' },
        image: { id: 'https://acme.example/badges/safe-ai.png', type: 'Image' },
        achievementType: 'Certificate',
        tag: ['ai', 'software engineering', 'security'],
      },
    },
  };
}

const issueBody = (i: number) => JSON.stringify({ credential: openBadge(i), options: {} });
const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${seeded.apiKey}` };

const hello = await startHello();
const server = await startServer({ databasePath: db.path, port, profileName: 'vc-api' });
const rows: Row[] = [];
const notes: string[] = [];
try {
  // A set of signed credentials to verify, issued through the API itself.
  const signed: string[] = [];
  for (let i = 0; i < VERIFY_SET; i++) {
    const response = await fetch(`${server.url}/credentials/issue`, { method: 'POST', headers, body: issueBody(i) });
    if (response.status !== 201) throw new Error(`issue returned ${response.status}: ${await response.text()}`);
    const { verifiableCredential } = (await response.json()) as { verifiableCredential: object };
    signed.push(JSON.stringify({ verifiableCredential, options: {} }));
  }
  const check = await fetch(`${server.url}/credentials/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: signed[0] });
  if (check.status !== 200) throw new Error(`verify of an issued credential returned ${check.status}: ${await check.text()}`);
  const sampleBytes = Buffer.byteLength(issueBody(0));

  let n = VERIFY_SET;
  const issueRequest = (request: object) => ({ ...request, body: issueBody(n++) });
  let v = 0;
  const verifyRequest = (request: object) => ({ ...request, body: signed[v++ % signed.length] });
  const run = (label: string, url: string, path: string, setupRequest: (r: object) => object, extra: Record<string, string> = {}): Promise<LoadResult> =>
    runLoad({ label, url, method: 'POST', path, connections: CONNECTIONS, durationS: DURATION_S, headers: { 'Content-Type': 'application/json', ...extra }, setupRequest });

  logLoad(await runLoad({ label: 'issue warm-up', url: server.url, method: 'POST', path: '/credentials/issue', connections: CONNECTIONS, durationS: 30, amount: 500, headers, setupRequest: issueRequest }));
  const helloIssue = await run('hello POST (issue body)', hello.url, '/hello', issueRequest);
  logLoad(helloIssue);
  const issued = await run('POST /credentials/issue', server.url, '/credentials/issue', issueRequest, { Authorization: headers.Authorization });
  logLoad(issued);
  const helloVerify = await run('hello POST (verify body)', hello.url, '/hello', verifyRequest);
  logLoad(helloVerify);
  const verified = await run('POST /credentials/verify', server.url, '/credentials/verify', verifyRequest);
  logLoad(verified);

  const issueRate = (issued.statusCodes['201'] ?? 0) / issued.seconds;
  const verifyRate = (verified.statusCodes['200'] ?? 0) / verified.seconds;
  rows.push({ metric: `Express "hello" POST, same ~${(sampleBytes / 1024).toFixed(1)} KB issue body (ratio base)`, target: '—', measured: `${fmt(helloIssue.rps)} req/s, p99 ${helloIssue.p99} ms`, pass: null });
  rows.push({
    metric: 'POST /credentials/issue (OB 3.0, eddsa-rdfc-2022, issuance log), -c 10',
    target: `≥ ${2 * REFERENCE_PER_S}/s (aim ${AIM_PER_S}/s)`,
    measured: `${fmt(issueRate)}/s, p99 ${issued.p99} ms, non-2xx ${issued.non2xx}`,
    ratio: `${pct(issueRate, helloIssue.rps)} of hello; ${(issueRate / REFERENCE_PER_S).toFixed(1)}× the reference`,
    pass: issueRate >= 2 * REFERENCE_PER_S && issued.non2xx === 0,
  });
  rows.push({ metric: 'Express "hello" POST, same verify body (ratio base)', target: '—', measured: `${fmt(helloVerify.rps)} req/s, p99 ${helloVerify.p99} ms`, pass: null });
  rows.push({
    metric: `POST /credentials/verify (${VERIFY_SET} distinct signed OB 3.0 credentials, rotating), -c 10`,
    target: `≥ ${2 * REFERENCE_PER_S}/s (aim ${AIM_PER_S}/s)`,
    measured: `${fmt(verifyRate)}/s, p99 ${verified.p99} ms, non-2xx ${verified.non2xx}`,
    ratio: `${pct(verifyRate, helloVerify.rps)} of hello; ${(verifyRate / REFERENCE_PER_S).toFixed(1)}× the reference`,
    pass: verifyRate >= 2 * REFERENCE_PER_S && verified.non2xx === 0,
  });
  notes.push(`Issue body ${fmt(sampleBytes)} bytes (a unique credential id and learner per request); the reference is ${REFERENCE_PER_S} credentials/s for a widely used open-source signing service on this machine (issue 9).`);
  notes.push(`Server RSS after the runs: ${server.memory().rssMb} MB. Load average before: ${loadBefore}; after: ${loadAverage()}.`);
} finally {
  await Promise.all([server.stop(), hello.stop()]);
  db.cleanup();
}
publishSection({ name: 'vc-api', heading: 'Issue 9 — VC-API issue and verify', rows, notes });
