import { decodeJwt } from 'jose';
import { createOAuthClient } from '../../../src/oauth/oauth-clients.js';
import { grantClientCredentials, grantedAudience, grantedScopes } from '../../../src/oauth/token-request.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

describe('granted scopes', () => {
  const held = ['courses:read', 'credentials:issue'];

  it('are every scope the client holds when none is requested', () => {
    expect(grantedScopes(undefined, held)).toEqual(held);
  });

  it('are the requested subset, each once, in request order', () => {
    expect(grantedScopes('credentials:issue  courses:read credentials:issue', held)).toEqual(['credentials:issue', 'courses:read']);
  });

  it.each(['courses:write', 'credentials:issue admin', 'COURSES:READ'])('refuse %p with invalid_scope', (requested) => {
    expect(() => grantedScopes(requested, held)).toThrow(expect.objectContaining({ code: 'invalid_scope', status: 400, field: 'scope' }));
  });
});

describe('granted audience', () => {
  it('is this server, named with or without a trailing slash, or by default', () => {
    expect(grantedAudience(undefined, 'https://credence.test')).toBe('https://credence.test');
    expect(grantedAudience('https://credence.test/', 'https://credence.test')).toBe('https://credence.test');
  });

  it.each(['https://credence.test.evil', 'https://other.test', 'credence'])('refuses %p with invalid_grant', (audience) => {
    expect(() => grantedAudience(audience, 'https://credence.test')).toThrow(expect.objectContaining({ code: 'invalid_grant', field: 'audience' }));
  });
});

describe('client credentials grant', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('honours a configured token lifetime', async () => {
    const deps = { db: ctx.database.db, now: ctx.clock.now, masterKey: ctx.masterKey, publicUrl: ctx.publicUrl, accessTokenLifetimeSeconds: 300 };
    const client = createOAuthClient(deps, { tenantId: ctx.acme.tenant.id, scopes: ['courses:read'] });
    const response = await grantClientCredentials(deps, client);
    expect(response).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'courses:read' });
    const claims = decodeJwt(response.access_token);
    expect(claims.exp! - claims.iat!).toBe(300);
  });
});
