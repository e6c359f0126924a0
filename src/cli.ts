import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { openDatabase, type Db } from './db/client.js';
import { insertApiKey, listApiKeys, revokeApiKey } from './db/api-keys-repository.js';
import { findTenantBySlug, listTenants, type Tenant } from './db/tenants-repository.js';
import { AppError } from './errors.js';
import { mintApiKey } from './security/api-key-token.js';
import { loadOrCreateMasterKey } from './security/master-key.js';
import { provisionTenant } from './tenants/provision-tenant.js';
import { rotateSigningKey } from './tenants/signing-key-service.js';
import { createInProcessSigner } from './credentials/in-process-signer.js';
import { renewCredentials } from './issuance/renew-credentials.js';
import { createUsageSource } from './usage/usage-sources.js';
import { registerUsageContext } from './usage/usage-context.js';
import type { UsageLogStore } from './usage/usage-log-store.js';
import { createOAuthClient, listOAuthClients, revokeOAuthClient } from './oauth/oauth-clients.js';

const USAGE = `Usage: credence <command> [options]   (honours DATABASE_URL and CREDENCE_MASTER_KEY)

  tenant create --slug <slug> --name <name>   create a tenant; prints its API key and webhook secret once
  tenant list                                 list tenants
  key create --tenant <slug> [--name <name>]  create another admin API key (printed once)
  key list --tenant <slug>                    list a tenant's API keys (prefixes only)
  key revoke --tenant <slug> --prefix <p>     revoke an API key
  key rotate-signing --tenant <slug>          rotate the tenant's credential signing key
  source create --tenant <slug> --name <name> register a usage source; prints its usage-only key once
  client create --tenant <slug> --scopes "<scope> ..." [--name <name>]
                                              register an OAuth client; prints its id and secret once
  client list --tenant <slug>                 list a tenant's OAuth clients (no secrets)
  client revoke --tenant <slug> --client-id <id>  revoke an OAuth client (its tokens stop working)
  renew                                       renew expiring credentials whose holders' usage is Current
`;

interface CliContext {
  db: Db;
  usageLog: UsageLogStore;
  masterKey: Buffer;
  now: () => Date;
  publicUrl: string;
  values: Record<string, string | undefined>;
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (!value) throw new AppError('missing_option', 2, `--${name} is required`, { field: name });
  return value;
}

function tenantOption(ctx: CliContext): Tenant {
  const slug = required(ctx.values, 'tenant');
  const tenant = findTenantBySlug(ctx.db, slug);
  if (!tenant) throw new AppError('tenant_not_found', 1, `no tenant with slug "${slug}"`, { field: 'tenant' });
  return tenant;
}

const commands: Record<string, (ctx: CliContext) => Promise<unknown> | unknown> = {
  'tenant create': (ctx) =>
    provisionTenant(ctx, { slug: required(ctx.values, 'slug'), name: required(ctx.values, 'name') }),
  'tenant list': (ctx) =>
    listTenants(ctx.db).map((t) => ({ id: t.id, slug: t.slug, name: t.name, createdAt: t.createdAt })),
  'key create': (ctx) => {
    const tenant = tenantOption(ctx);
    const key = mintApiKey('live');
    insertApiKey(ctx.db, {
      id: randomUUID(),
      tenantId: tenant.id,
      prefix: key.prefix,
      secretHash: key.secretHash,
      name: ctx.values.name ?? 'admin',
      scope: 'admin',
      createdAt: ctx.now().toISOString(),
    });
    return { tenant: tenant.slug, prefix: key.prefix, apiKey: key.token };
  },
  'key list': (ctx) =>
    listApiKeys(ctx.db, tenantOption(ctx).id).map((k) => ({
      prefix: k.prefix,
      name: k.name,
      scope: k.scope,
      createdAt: k.createdAt,
      revokedAt: k.revokedAt,
    })),
  'key revoke': (ctx) => {
    const prefix = required(ctx.values, 'prefix');
    const revoked = revokeApiKey(ctx.db, { tenantId: tenantOption(ctx).id, prefix, at: ctx.now().toISOString() });
    if (!revoked) throw new AppError('key_not_found', 1, `no active key with prefix "${prefix}"`, { field: 'prefix' });
    return { prefix, revoked: true };
  },
  'key rotate-signing': (ctx) => rotateSigningKey(ctx, tenantOption(ctx).slug),
  'client create': (ctx) =>
    createOAuthClient(ctx, {
      tenantId: tenantOption(ctx).id,
      scopes: required(ctx.values, 'scopes').split(/[\s,]+/).filter(Boolean),
      name: ctx.values.name,
    }),
  'client list': (ctx) => listOAuthClients(ctx, tenantOption(ctx).id),
  'client revoke': (ctx) => revokeOAuthClient(ctx, { tenantId: tenantOption(ctx).id, clientId: required(ctx.values, 'client-id') }),
  'source create': (ctx) => createUsageSource(ctx, { tenantId: tenantOption(ctx).id, name: required(ctx.values, 'name') }),
  renew: async (ctx) => {
    const signer = createInProcessSigner();
    try {
      return await renewCredentials({ ...ctx, signer });
    } finally {
      await signer.close();
    }
  },
};

/** Runs one CLI command; prints its JSON result on stdout and errors on stderr. Returns the exit code. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      tenant: { type: 'string' },
      prefix: { type: 'string' },
      scopes: { type: 'string' },
      'client-id': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = commands[positionals.slice(0, 2).join(' ')] ?? (positionals.length === 1 ? commands[positionals[0]!] : undefined);
  if (values.help || !command) {
    (command || values.help ? process.stdout : process.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig(env);
  registerUsageContext(config.publicUrl);
  const database = openDatabase(config.databaseUrl);
  try {
    const masterKey = loadOrCreateMasterKey({
      masterKeyText: config.masterKeyText,
      dataDir: config.dataDir,
      onGenerated: (path) => process.stderr.write(`generated a new master key at ${path}; back it up\n`),
    });
    const result = await command({
      db: database.db,
      usageLog: database.usageLog,
      masterKey,
      now: () => new Date(),
      publicUrl: config.publicUrl,
      values: values as Record<string, string | undefined>,
    });
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return error.status === 2 ? 2 : 1;
  } finally {
    database.close();
  }
}
