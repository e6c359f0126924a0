import { dirname } from 'node:path';
import { z } from 'zod';

/** Validated, frozen process configuration (read once from the environment). */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string;
  /** Directory for the embedded database and the generated master key. */
  dataDir: string;
  /** 32-byte master key text from CREDENCE_MASTER_KEY, if set (else generated into dataDir). */
  masterKeyText: string | undefined;
  logLevel: string;
  /** Seed a demo tenant on an empty database. */
  seedDemo: boolean;
  /** Requests per minute per client on public routes and per key on API routes. */
  rateLimitPerMinute: number;
  /**
   * Signer worker threads: one per core but one, which is left to the request thread. On 2 cores
   * one signer issued as fast as two (alternating completion runs) in 30 MB less memory.
   */
  signerThreads: number;
  /** Nice value of the signer threads (0 – 19): higher yields the CPU to request handling sooner. */
  signerNiceness: number;
  /** Lifetime of OAuth access tokens, in seconds. */
  accessTokenLifetimeSeconds: number;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).default('./data/credence.db'),
  CREDENCE_MASTER_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CREDENCE_DEMO: z.enum(['0', '1', 'true', 'false']).default('1'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  SIGNER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  SIGNER_NICENESS: z.coerce.number().int().min(0).max(19).default(10),
  OAUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
});

/** Strips a `file:` prefix so `file:./data/x.db` and `./data/x.db` mean the same file. */
export function sqlitePathFromUrl(databaseUrl: string): string {
  return databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : databaseUrl;
}

/** Reads and validates configuration from `env`; throws with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cpuCount = 2): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new TypeError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dbPath = sqlitePathFromUrl(e.DATABASE_URL);
  const dataDir = dbPath === ':memory:' ? './data' : dirname(dbPath);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    masterKeyText: e.CREDENCE_MASTER_KEY,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.CREDENCE_DEMO === '1' || e.CREDENCE_DEMO === 'true',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    signerThreads: e.SIGNER_THREADS ?? Math.max(1, cpuCount - 1),
    signerNiceness: e.SIGNER_NICENESS,
    accessTokenLifetimeSeconds: e.OAUTH_TOKEN_TTL_SECONDS,
  });
}
