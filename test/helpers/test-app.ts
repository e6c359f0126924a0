import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { findTenantBySlug, type Tenant } from '../../src/db/tenants-repository.js';
import type { CredentialSigner } from '../../src/credentials/credential-signer.js';
import { createInProcessSigner } from '../../src/credentials/in-process-signer.js';
import { provisionTenant } from '../../src/tenants/provision-tenant.js';

/** A fixed, movable clock: tests set or advance it explicitly. */
export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/** A provisioned tenant with its one-time secrets. */
export interface TestTenant {
  tenant: Tenant;
  apiKey: string;
  webhookSecret: string;
}

/** A Credence app on a fresh temp SQLite file, with a fixed clock and two tenants. */
export interface TestContext {
  app: Express;
  database: DatabaseHandle;
  clock: TestClock;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
  acme: TestTenant;
  globex: TestTenant;
  close(): Promise<void>;
}

export const TEST_NOW = '2026-11-02T10:00:00.000Z';
export const TEST_PUBLIC_URL = 'https://credence.test';

/** Creates a fresh app and database per test file (call in beforeAll, close in afterAll). */
export async function createTestContext(options: { now?: string; rateLimitPerMinute?: number; foldUsageInThread?: boolean } = {}): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-test-'));
  const database = openDatabase(join(dir, 'credence.db'), { foldUsageInThread: options.foldUsageInThread });
  const clock = new TestClock(new Date(options.now ?? TEST_NOW));
  const masterKey = Buffer.alloc(32, 7);
  const signer = createInProcessSigner();
  const deps = {
    db: database.db,
    usageLog: database.usageLog,
    now: clock.now,
    masterKey,
    signer,
    logger: pino({ level: 'silent' }),
    publicUrl: TEST_PUBLIC_URL,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
  };
  const provision = async (slug: string, name: string): Promise<TestTenant> => {
    const created = await provisionTenant(deps, { slug, name });
    return { tenant: findTenantBySlug(database.db, slug)!, apiKey: created.apiKey, webhookSecret: created.webhookSecret };
  };
  const acme = await provision('acme', 'Acme Corp');
  const globex = await provision('globex', 'Globex Learning');
  return {
    app: createApp(deps),
    database,
    clock,
    masterKey,
    signer,
    publicUrl: TEST_PUBLIC_URL,
    acme,
    globex,
    close: async () => {
      await signer.close();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
