/** Load generation with autocannon's programmatic API, bounded in time, loopback only. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request } from 'autocannon';

/** What one autocannon run measured. */
export interface LoadResult {
  label: string;
  /** Completed 2xx responses per second over the run. */
  rps: number;
  /** All completed responses per second (any status). */
  totalRps: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  seconds: number;
  connections: number;
  statusCodes: Record<string, number>;
}

/** Options of one run: `durationS` bounds it in time, `amount` (if set) in requests. */
export interface LoadOptions {
  label: string;
  url: string;
  connections: number;
  durationS: number;
  amount?: number;
  /** Fixed request rate over all connections (open-ish load for latency measurement). */
  overallRate?: number;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called before every request: vary path or body (unique learners, rotating numbers...). */
  setupRequest?: (request: Request) => Request;
}

/** Runs autocannon once and summarises it. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error('benchmarks only run against loopback');
  const started = performance.now();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    amount: options.amount,
    overallRate: options.overallRate,
    timeout: 30,
    requests: [
      {
        method: options.method ?? 'GET',
        ...(options.path !== undefined && { path: options.path }),
        ...(options.headers !== undefined && { headers: options.headers }),
        ...(options.body !== undefined && { body: options.body }),
        ...(options.setupRequest !== undefined && { setupRequest: options.setupRequest }),
      },
    ],
  });
  const seconds = Math.max(result.duration, (performance.now() - started) / 1000);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  const ok = result['2xx'];
  const total = ok + result.non2xx;
  return {
    label: options.label,
    rps: Math.round(ok / seconds),
    totalRps: Math.round(total / seconds),
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    seconds: Math.round(seconds * 10) / 10,
    connections: options.connections,
    statusCodes,
  };
}

/** A load that can cross a process boundary: `paths` (taken in turn) instead of a `setupRequest` function. */
export type SerializableLoad = Omit<LoadOptions, 'setupRequest'> & { paths?: string[] };

/**
 * Runs a load from its own process (bench/lib/load-child.ts), so that its latencies are not
 * inflated by another load generated in this process at the same time: autocannon measures until
 * its own event loop reads the response, and a busy client loop (signing 1,000 webhooks a second,
 * collecting their garbage) added tens of milliseconds to the p99 of a light load run beside it.
 */
export function runLoadApart(options: SerializableLoad): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load-child.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(options));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`load process for "${options.label}" exited with ${code}`))));
  });
}

/** One console line per run, so progress is visible while a script runs. */
export function logLoad(r: LoadResult): void {
  const codes = Object.entries(r.statusCodes).map(([c, n]) => `${c}:${n}`).join(' ');
  console.log(
    `  ${r.label.padEnd(46)} ${String(r.rps).padStart(7)} ok/s  p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  ` +
      `(${r.ok} ok, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.seconds}s, c=${r.connections}) ${codes}`,
  );
}

/** Several bounded runs of the same load; returns the median by ok/s (and logs each). */
export async function medianLoad(options: LoadOptions, runs: number): Promise<{ median: LoadResult; all: LoadResult[] }> {
  const all: LoadResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runLoad({ ...options, label: `${options.label} #${i + 1}` });
    logLoad(r);
    all.push(r);
  }
  const sorted = [...all].sort((a, b) => a.rps - b.rps);
  return { median: { ...sorted[Math.floor(sorted.length / 2)]!, label: options.label }, all };
}
