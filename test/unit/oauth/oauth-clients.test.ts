import { findOAuthClient } from '../../../src/db/oauth-clients-repository.js';
import {
  authenticateOAuthClient, createOAuthClient, listOAuthClients, revokeOAuthClient,
} from '../../../src/oauth/oauth-clients.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

let ctx: TestContext;
const deps = () => ({ db: ctx.database.db, now: ctx.clock.now });
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('OAuth clients', () => {
  it('are created with a recognisable id and a secret stored only as a hash', () => {
    const created = createOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, scopes: ['credentials:issue', 'credentials:issue'], name: 'LMS' });
    expect(created.clientId).toMatch(/^crd_client_[0-9a-f]{16}$/);
    expect(created.clientSecret).toMatch(/^crd_secret_[A-Za-z0-9_-]{43}$/);
    const row = findOAuthClient(ctx.database.db, created.clientId)!;
    expect(row).toMatchObject({ tenantId: ctx.acme.tenant.id, name: 'LMS', scopes: ['credentials:issue'], revokedAt: null });
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.clientSecret.slice(11));
  });

  it.each([[['credentials:issue', 'root']], [[]]])('refuse unknown or missing scopes %p', (scopes) => {
    expect(() => createOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, scopes })).toThrow(expect.objectContaining({ code: 'invalid_scope', field: 'scopes' }));
  });

  it('authenticate only with the right secret, and only until revoked', () => {
    const { clientId, clientSecret } = createOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, scopes: ['courses:read'] });
    expect(authenticateOAuthClient(ctx.database.db, { clientId, clientSecret })?.clientId).toBe(clientId);
    expect(authenticateOAuthClient(ctx.database.db, { clientId, clientSecret: `${clientSecret}x` })).toBeUndefined();
    expect(authenticateOAuthClient(ctx.database.db, { clientId: 'crd_client_unknown', clientSecret: '' })).toBeUndefined();
    revokeOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, clientId });
    expect(authenticateOAuthClient(ctx.database.db, { clientId, clientSecret })).toBeUndefined();
  });

  it('are listed per tenant without secrets, and revoked only by their own tenant', () => {
    const { clientId } = createOAuthClient(deps(), { tenantId: ctx.globex.tenant.id, scopes: ['usage:write'], name: 'telemetry' });
    expect(listOAuthClients(deps(), ctx.globex.tenant.id)).toEqual([
      { clientId, name: 'telemetry', scopes: ['usage:write'], createdAt: ctx.clock.now().toISOString(), revokedAt: null },
    ]);
    expect(() => revokeOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, clientId })).toThrow(expect.objectContaining({ code: 'client_not_found', status: 404 }));
    expect(revokeOAuthClient(deps(), { tenantId: ctx.globex.tenant.id, clientId })).toEqual({ clientId, revoked: true });
    expect(() => revokeOAuthClient(deps(), { tenantId: ctx.globex.tenant.id, clientId })).toThrow(expect.objectContaining({ code: 'client_not_found' }));
    expect(listOAuthClients(deps(), ctx.globex.tenant.id)[0]!.revokedAt).toBe(ctx.clock.now().toISOString());
  });
});
