import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { pino } from 'pino';
import { createApp } from './app.js';
import { loadConfig, sqlitePathFromUrl } from './config.js';
import { createSignerPool } from './credentials/signer-pool.js';
import { openAnalyticsReader, openDatabase } from './db/client.js';
import { startWalCheckpointer } from './db/wal-checkpointer.js';
import { demoBanner, seedDemo } from './demo/seed-demo.js';
import { createExpressServer } from './express-http-server.js';
import { createIssuanceLimit } from './issuance/issue-certificate.js';
import { scheduleDailyRenewal } from './issuance/renewal-schedule.js';
import { loadOrCreateMasterKey } from './security/master-key.js';
import { registerUsageContext } from './usage/usage-context.js';

/**
 * How far V8 lets each thread's old generation grow past its live size before the next major
 * collection. V8's own choice goes up to 4x on machines with much memory; measured under the
 * issue-3 benchmark, 25% keeps the request thread's old space near 55 MB instead of about 95 MB
 * for some twenty more (mostly concurrent) major collections, with no measurable throughput cost.
 * The flag is read at every collection, so setting it at start-up works; one given on the
 * command line or in NODE_OPTIONS wins. The young generation's size is read only when V8 starts,
 * so `npm start` passes it: `--max-semi-space-size=4` (V8's default grows to 8 MB semi-spaces
 * and more under a burst of issuances) measured 15 MB less resident memory after one.
 */
const HEAP_GROWING_PERCENT = 25;

/** Reads config, opens the database, starts the signer threads and listens; stops cleanly on signals. */
async function main(): Promise<void> {
  const nodeFlags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (!nodeFlags.some((flag) => /^--heap[-_]growing[-_]percent/.test(flag))) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const config = loadConfig(process.env, availableParallelism());
  const logger = pino({ level: config.logLevel });
  const database = openDatabase(config.databaseUrl, { foldUsageInThread: true });
  const databasePath = sqlitePathFromUrl(config.databaseUrl);
  const onDisk = databasePath !== ':memory:';
  const analytics = onDisk ? openAnalyticsReader(config.databaseUrl) : undefined;
  const checkpointer = onDisk ? startWalCheckpointer({ sqlite: database.sqlite, path: databasePath }) : undefined;
  const masterKey = loadOrCreateMasterKey({
    masterKeyText: config.masterKeyText,
    dataDir: config.dataDir,
    onGenerated: (path) =>
      logger.warn({ path }, 'generated a new master key for the embedded database; back it up, or set CREDENCE_MASTER_KEY'),
  });
  // Contexts registered before the pool starts reach its workers with their first job.
  registerUsageContext(config.publicUrl);
  const signer = createSignerPool({ size: config.signerThreads, niceness: config.signerNiceness });
  const now = () => new Date();
  // Issuances in flight (signing, or signed and waiting to be stored). Signatures that come back
  // together share one group commit, so more in flight means fewer, larger commits. On 2 cores
  // with two signer threads, 4 in flight per thread capped issuance at ~1,300/s (about 4 per
  // commit) and 10 gave ~1,750/s (about 9 per commit); with one signer thread (the default on
  // 2 cores), 20 in flight gave 12% more completions than 10 (four alternating pairs of runs).
  // Each commit holds the event loop, so verify p99 during a burst grows with it: 21 ms at 8,
  // 35 ms at 20, 42 ms at 32 in flight (bench/issuance.ts, target < 50 ms).
  const issuanceLimit = createIssuanceLimit(20 * config.signerThreads);
  const deps = { db: database.db, usageLog: database.usageLog, analyticsDb: analytics?.db, issuanceLimit, now, masterKey, signer, logger, publicUrl: config.publicUrl, rateLimitPerMinute: config.rateLimitPerMinute, accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds };
  const seed = config.seedDemo ? await seedDemo(deps) : undefined;

  // Not `app.listen`: see createExpressServer (a listen error is thrown, not passed to the callback).
  const server = createExpressServer(createApp(deps)).listen(config.port, config.host, () => {
    logger.info({ port: config.port, publicUrl: config.publicUrl, database: config.databaseUrl }, 'Credence is listening');
    process.stdout.write(seed ? demoBanner(config.publicUrl, seed, now()) : `\nCredence is running at ${config.publicUrl}\n\n`);
  });
  server.keepAliveTimeout = 65_000;
  const renewal = scheduleDailyRenewal({ ...deps, logger });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    clearInterval(renewal);
    server.close(async () => {
      await signer.close();
      await database.usageLog.settled();
      await checkpointer?.stop();
      analytics?.close();
      database.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Credence failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
