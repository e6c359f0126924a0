/**
 * How long a writer on another connection waits for SQLite's write lock while the usage fold thread
 * folds a large log (issue 5): a log of BATCHES × 500 statements is appended in one go on a fresh
 * database, the fold thread is woken, and this thread writes one small row every 10 ms through
 * `BEGIN IMMEDIATE` (as issuance does on the request thread) until the fold has finished. Prints
 * the waits' percentiles and the fold's duration; writes nothing to RESULTS.md.
 * Run: `npx tsx bench/usage-fold-fairness.ts` (BATCHES=800 by default: 400,000 statements).
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/client.js';
import { appendUsageBatch, type LoggedDay } from '../src/usage/usage-log.js';
import { benchDatabasePath } from './lib/seed.js';

const BATCHES = Number(process.env.BATCHES ?? 800);
const BATCH = 500;
const path = benchDatabasePath('fold-fairness');
const database = openDatabase(path.path, { foldUsageInThread: true, maxPendingStatements: Infinity });
database.sqlite.exec('CREATE TABLE probe (at REAL)');
const { log } = database.usageLog;
log
  .transaction(() => {
    for (let b = 0; b < BATCHES; b++) {
      const statements: Array<[string, string]> = [];
      const days: LoggedDay[] = [];
      for (let i = 0; i < BATCH; i++) {
        statements.push([randomBytes(16).toString('hex'), randomBytes(16).toString('hex')]);
        const day = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((b + i) % 28)).padStart(2, '0')}`;
        days.push([`learner-${((b * BATCH + i) * 7919) % 19_900}`, 'safe-ai', day, 1]);
      }
      appendUsageBatch(log, { tenantId: 'bench-tenant', sourceId: null, statements, days });
    }
  })
  .immediate();

const probe = database.sqlite.prepare('INSERT INTO probe VALUES (?)');
const waits: number[] = [];
const started = performance.now();
let foldMs: number | undefined;
database.usageLog.appended();
void database.usageLog.settled().then(() => (foldMs = performance.now() - started));
while (foldMs === undefined) {
  const t = performance.now();
  database.sqlite.transaction(() => probe.run(t)).immediate();
  waits.push(performance.now() - t);
  await new Promise((resolve) => setTimeout(resolve, 10));
}
waits.sort((a, b) => a - b);
const at = (q: number) => waits[Math.min(waits.length - 1, Math.floor(q * waits.length))]!.toFixed(1);
console.log(`fold of ${(BATCHES * BATCH).toLocaleString('en-US')} statements: ${Math.round(foldMs)} ms`);
console.log(`${waits.length} writes waited p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
database.close();
path.cleanup();
