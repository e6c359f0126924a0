/**
 * Child processes for the benchmarks: the real Credence server (compiled `dist/`) and the plain
 * Express "hello" ratio base, each on a free loopback port, plus their memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Fixed master key for bench databases (the seed and the server must agree on it). */
export const BENCH_MASTER_KEY = '7'.repeat(64);

/** A running child process on loopback. */
export interface Running {
  pid: number;
  url: string;
  /** Resident memory now and its high-water mark, in MB (from /proc/<pid>/status). */
  memory(): { rssMb: number; hwmMb: number };
  /** SIGTERM, then wait for exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** VmRSS and VmHWM of a process, in MB. */
export function processMemory(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), hwmMb: Math.round(kb('VmHWM') / 1024) };
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

// Children are killed if the bench script dies, so no server outlives its benchmark.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function running(child: ChildProcess, url: string): Running {
  const pid = child.pid!;
  children.add(child);
  child.once('exit', () => children.delete(child));
  return {
    pid,
    url,
    memory: () => processMemory(pid),
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolveStop();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Starts the plain Express 5 "hello" server (the ratio base) on a free port; with
 * `likeCredence`, served by the compiled server's createExpressServer instead of `app.listen`.
 */
export async function startHello(options: { likeCredence?: boolean } = {}): Promise<Running> {
  const port = await freePort();
  const expressServer = options.likeCredence ? { HELLO_EXPRESS_SERVER: join(dirname(serverEntry()), 'express-http-server.js') } : {};
  const child = spawn(process.execPath, [join(ROOT, 'bench/lib/hello-server.mjs')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', ...expressServer },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/hello`, child);
  return running(child, url);
}

/**
 * The compiled server: `bench/.data/dist` (built by `npm run bench`, so a rebuild of `dist/` by
 * someone else mid-run cannot change what is measured), else `dist/`, or BENCH_SERVER_ENTRY.
 */
export function serverEntry(): string {
  const candidates = [process.env.BENCH_SERVER_ENTRY, join(ROOT, 'bench/.data/dist/src/server.js'), join(ROOT, 'dist/src/server.js')];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error('no compiled server: run `npm run bench:build` (or `npm run build`) first');
  return found;
}

/** The Node flags `npm start` runs the server with (package.json), so the bench runs it the same way. */
function startScriptNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((part) => part.startsWith('--'));
}

/**
 * Starts the compiled server (`node <flags of npm start> <build>/src/server.js`) on a free loopback port against `databasePath`. With
 * `BENCH_CPU_PROF=1` (or `cpuProfile: true`) the server writes a V8 CPU profile to
 * `bench/.data/profiles/` when it stops.
 */
export async function startServer(options: {
  databasePath: string;
  cpuProfile?: boolean;
  profileName?: string;
  /** Port to listen on (pick it with freePort() before seeding: the issuer DID contains it). */
  port?: number;
  env?: Record<string, string>;
}): Promise<Running> {
  const entry = serverEntry();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const profile = options.cpuProfile ?? process.env.BENCH_CPU_PROF === '1';
  const nodeArgs: string[] = [];
  if (profile) {
    const dir = join(ROOT, 'bench/.data/profiles');
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${options.profileName ?? 'server'}-${Date.now()}.cpuprofile`);
  }
  const child = spawn(process.execPath, [...startScriptNodeFlags(), ...nodeArgs, entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: options.databasePath,
      CREDENCE_DEMO: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      CREDENCE_MASTER_KEY: BENCH_MASTER_KEY,
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHttp(`${url}/health`, child);
  return running(child, url);
}
