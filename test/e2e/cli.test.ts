import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCredenceCli } from '../helpers/spawn.js';

let dir: string;
let env: Record<string, string>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-cli-'));
  env = { DATABASE_URL: join(dir, 'cli.db') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('credence admin CLI', () => {
  let apiKeyPrefix: string;

  it('tenant create prints exactly the JSON with tenant, apiKey and webhookSecret', async () => {
    const res = await runCredenceCli(['tenant', 'create', '--slug', 'acme', '--name', 'Acme Corp'], env);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(['apiKey', 'tenant', 'webhookSecret']);
    expect(out.tenant).toEqual({ id: expect.any(String), slug: 'acme', name: 'Acme Corp' });
    expect(out.apiKey).toMatch(/^crd_live_/);
    expect(out.webhookSecret).toMatch(/^whsec_/);
    apiKeyPrefix = out.apiKey.split('_').slice(0, 3).join('_');
  });

  it('refuses a duplicate slug and an invalid slug with a message on stderr', async () => {
    const dup = await runCredenceCli(['tenant', 'create', '--slug', 'acme', '--name', 'Again'], env);
    expect(dup.code).toBe(1);
    expect(dup.stdout).toBe('');
    expect(dup.stderr).toMatch(/already exists/);
    const bad = await runCredenceCli(['tenant', 'create', '--slug', 'Bad Slug', '--name', 'X'], env);
    expect(bad.code).toBe(1);
  });

  it('lists tenants and manages keys', async () => {
    const list = JSON.parse((await runCredenceCli(['tenant', 'list'], env)).stdout);
    expect(list.map((t: { slug: string }) => t.slug)).toEqual(['acme']);
    const created = JSON.parse((await runCredenceCli(['key', 'create', '--tenant', 'acme', '--name', 'ci'], env)).stdout);
    expect(created.apiKey.startsWith(created.prefix)).toBe(true);
    const keys = JSON.parse((await runCredenceCli(['key', 'list', '--tenant', 'acme'], env)).stdout);
    expect(keys.map((k: { prefix: string }) => k.prefix)).toEqual([apiKeyPrefix, created.prefix]);
    expect(JSON.stringify(keys)).not.toContain(created.apiKey);
    const revoked = await runCredenceCli(['key', 'revoke', '--tenant', 'acme', '--prefix', created.prefix], env);
    expect(JSON.parse(revoked.stdout)).toEqual({ prefix: created.prefix, revoked: true });
    const again = await runCredenceCli(['key', 'revoke', '--tenant', 'acme', '--prefix', created.prefix], env);
    expect(again.code).toBe(1);
  });

  it('rotates the signing key', async () => {
    const res = await runCredenceCli(['key', 'rotate-signing', '--tenant', 'acme'], env);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ keyId: 'key-2', publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
  });

  it('registers a usage source with a usage-only key, and runs renewal', async () => {
    const source = await runCredenceCli(['source', 'create', '--tenant', 'acme', '--name', 'IDE telemetry'], env);
    expect(source.code).toBe(0);
    const out = JSON.parse(source.stdout);
    expect(out.source).toMatchObject({ name: 'IDE telemetry' });
    expect(out.apiKey).toMatch(/^crd_usage_/);
    const renew = await runCredenceCli(['renew'], env);
    expect(renew.code).toBe(0);
    expect(JSON.parse(renew.stdout)).toEqual({ checked: 0, renewed: [], notRenewed: [] });
  });

  it('creates, lists and revokes OAuth clients; the secret is printed once', async () => {
    const created = await runCredenceCli(['client', 'create', '--tenant', 'acme', '--scopes', 'credentials:issue certificates:read', '--name', 'LMS'], env);
    expect(created.code).toBe(0);
    const client = JSON.parse(created.stdout);
    expect(Object.keys(client).sort()).toEqual(['clientId', 'clientSecret']);
    expect(client.clientId).toMatch(/^crd_client_/);
    expect(client.clientSecret).toMatch(/^crd_secret_/);
    const listed = await runCredenceCli(['client', 'list', '--tenant', 'acme'], env);
    expect(JSON.parse(listed.stdout)).toEqual([
      { clientId: client.clientId, name: 'LMS', scopes: ['credentials:issue', 'certificates:read'], createdAt: expect.any(String), revokedAt: null },
    ]);
    expect(listed.stdout).not.toContain(client.clientSecret);
    const revoked = await runCredenceCli(['client', 'revoke', '--tenant', 'acme', '--client-id', client.clientId], env);
    expect(JSON.parse(revoked.stdout)).toEqual({ clientId: client.clientId, revoked: true });
    expect((await runCredenceCli(['client', 'revoke', '--tenant', 'acme', '--client-id', client.clientId], env)).code).toBe(1);
  });

  it('refuses an OAuth client with an unknown scope', async () => {
    const res = await runCredenceCli(['client', 'create', '--tenant', 'acme', '--scopes', 'credentials:issue launch:missiles'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/Unknown scope "launch:missiles"/);
  });

  it('prints usage for an unknown command', async () => {
    const res = await runCredenceCli(['frobnicate'], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Usage: credence/);
  });
});
