import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../src/app.js';
import type { TestContext } from './test-app.js';

/** Debian's Chromium, installed by `.ci/run` (apt-get install chromium). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Where browser tests leave artefacts (screenshots): `coverage/browser/` in the repository,
 * i.e. Jest's own output directory, already git-ignored and ignored by ESLint.
 */
export const BROWSER_TEST_OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'coverage', 'browser');

/** The path of an artefact under {@link BROWSER_TEST_OUTPUT}, creating the directory. */
export function browserTestOutput(fileName: string): string {
  mkdirSync(BROWSER_TEST_OUTPUT, { recursive: true });
  return join(BROWSER_TEST_OUTPUT, fileName);
}

/** Launches headless Chromium; a missing browser fails the test file rather than skipping it. */
export async function launchChromium(): Promise<Browser> {
  // A missing browser is a broken CI machine, not a reason to skip: fail loudly.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does this).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A real HTTP server on a loopback port. */
export interface RunningServer {
  server: Server;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the test context's database, clock and keys as a real app on a free loopback port.
 * `publicUrl` receives the base URL, so links the app builds can point at the server itself.
 */
export async function startAppServer(ctx: TestContext, options: { publicUrl: (baseUrl: string) => string }): Promise<RunningServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app: RequestListener = createApp({
    db: ctx.database.db,
    usageLog: ctx.database.usageLog,
    now: ctx.clock.now,
    masterKey: ctx.masterKey,
    signer: ctx.signer,
    logger: pino({ level: 'silent' }),
    publicUrl: options.publicUrl(baseUrl),
    rateLimitPerMinute: 100_000,
  });
  server.on('request', app);
  return {
    server,
    baseUrl,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
