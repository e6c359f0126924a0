import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { openAnalyticsReader } from '../../src/db/client.js';
import { createOAuthClient, revokeOAuthClient, type CreatedOAuthClient } from '../../src/oauth/oauth-clients.js';
import { mintAccessToken } from '../../src/oauth/access-tokens.js';
import { loadOrCreateTokenSigningKey } from '../../src/oauth/token-signing-key.js';
import { createCourseVia } from '../fixtures/factories.js';
import { createTestContext, TEST_NOW, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let acmeClient: CreatedOAuthClient;
const deps = () => ({ db: ctx.database.db, now: ctx.clock.now, masterKey: ctx.masterKey });

beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme);
  await createCourseVia(ctx, ctx.globex, { id: 'go-201', name: 'Globex Go' });
  acmeClient = createOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, scopes: ['courses:read', 'credentials:issue'], name: 'LMS' });
});
afterAll(() => ctx.close());
afterEach(() => ctx.clock.set(TEST_NOW));

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const tokenRequest = (fields: Record<string, string>) => request(ctx.app).post('/oauth/token').type('form').send(fields);
const postAuth = (client: CreatedOAuthClient) => ({ client_id: client.clientId, client_secret: client.clientSecret });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function tokenFor(client: CreatedOAuthClient, fields: Record<string, string> = {}): Promise<string> {
  const res = await tokenRequest({ grant_type: 'client_credentials', ...postAuth(client), ...fields });
  expect(res.status).toBe(200);
  return res.body.access_token;
}

function expectOAuthError(res: request.Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body).toMatchObject({ error, error_description: expect.any(String), code: error, status, type: expect.stringContaining(error), title: expect.any(String) });
}

describe('OAuth 2.0 discovery', () => {
  it('serves RFC 8414 metadata naming the token endpoint, JWKS and scopes', async () => {
    const res = await request(ctx.app).get('/.well-known/oauth-authorization-server');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      issuer: ctx.publicUrl,
      token_endpoint: `${ctx.publicUrl}/oauth/token`,
      jwks_uri: `${ctx.publicUrl}/oauth/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
    expect(res.body.scopes_supported).toEqual(expect.arrayContaining(['credentials:issue', 'credentials:verify', 'certificates:read', 'usage:write']));
  });

  it('publishes only the public half of the token key, the one tokens name', async () => {
    const res = await request(ctx.app).get('/oauth/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.any(String), alg: 'EdDSA', use: 'sig' }]);
    expect(decodeProtectedHeader(await tokenFor(acmeClient)).kid).toBe(res.body.keys[0].kid);
  });
});

describe('POST /oauth/token, client credentials grant', () => {
  it('round trip: a token with client_secret_post reads courses, but cannot write them', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', ...postAuth(acmeClient) });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'courses:read credentials:issue' });
    const token = res.body.access_token;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: ctx.publicUrl, aud: ctx.publicUrl, sub: acmeClient.clientId, client_id: acmeClient.clientId, tenant_id: ctx.acme.tenant.id, scope: 'courses:read credentials:issue' });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.iat).toBe(Date.parse(TEST_NOW) / 1000);
    expect(claims.jti).toEqual(expect.any(String));

    const courses = await request(ctx.app).get('/v1/courses').set(bearer(token));
    expect(courses.status).toBe(200);
    expect(courses.body.items.map((c: { id: string }) => c.id)).toEqual(['py-101']);
    const write = await request(ctx.app).post('/v1/courses').set(bearer(token)).send({ id: 'x', name: 'X', description: 'X', criteria: 'X' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('insufficient_scope');
  });

  it('accepts client_secret_basic, and narrows the token to the requested scopes', async () => {
    const res = await request(ctx.app)
      .post('/oauth/token')
      .set('Authorization', basic(acmeClient.clientId, acmeClient.clientSecret))
      .type('form')
      .send({ grant_type: 'client_credentials', scope: 'credentials:issue', audience: ctx.publicUrl });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('credentials:issue');
    const courses = await request(ctx.app).get('/v1/courses').set(bearer(res.body.access_token));
    expect(courses.status).toBe(403);
    expect(courses.body.code).toBe('insufficient_scope');
  });

  it('signs every token with the one server key, even when requests race', async () => {
    const tokens = await Promise.all([tokenFor(acmeClient), tokenFor(acmeClient), tokenFor(acmeClient)]);
    expect(new Set(tokens.map((t) => decodeProtectedHeader(t).kid)).size).toBe(1);
    expect(new Set(tokens.map((t) => decodeJwt(t).jti)).size).toBe(3);
  });
});

describe('token endpoint errors (RFC 6749 §5.2)', () => {
  it.each([
    ['a JSON body', () => request(ctx.app).post('/oauth/token').send({ grant_type: 'client_credentials', ...postAuth(acmeClient) })],
    ['no body', () => request(ctx.app).post('/oauth/token')],
    ['no grant_type', () => tokenRequest({ ...postAuth(acmeClient) })],
    ['an empty grant_type', () => tokenRequest({ grant_type: '', ...postAuth(acmeClient) })],
    ['a repeated parameter', () => request(ctx.app).post('/oauth/token').type('form').send(`grant_type=client_credentials&client_id=${acmeClient.clientId}&client_secret=${acmeClient.clientSecret}&scope=a&scope=b`)],
    ['credentials sent both ways', () => request(ctx.app).post('/oauth/token').set('Authorization', basic(acmeClient.clientId, acmeClient.clientSecret)).type('form').send({ grant_type: 'client_credentials', ...postAuth(acmeClient) })],
    ['a body over 4 KB', () => tokenRequest({ grant_type: 'client_credentials', ...postAuth(acmeClient), audience: 'x'.repeat(5000) })],
  ])('invalid_request for %s', async (_case, send) => {
    expectOAuthError(await send(), 400, 'invalid_request');
  });

  it.each([
    ['a wrong secret', () => tokenRequest({ grant_type: 'client_credentials', client_id: acmeClient.clientId, client_secret: `${acmeClient.clientSecret}x` })],
    ['an unknown client', () => tokenRequest({ grant_type: 'client_credentials', client_id: 'crd_client_0000000000000000', client_secret: acmeClient.clientSecret })],
    ['no client authentication', () => tokenRequest({ grant_type: 'client_credentials' })],
    ['a client id without secret', () => tokenRequest({ grant_type: 'client_credentials', client_id: acmeClient.clientId })],
    ['a wrong Basic secret', () => request(ctx.app).post('/oauth/token').set('Authorization', basic(acmeClient.clientId, 'nope')).type('form').send({ grant_type: 'client_credentials' })],
    ['malformed Basic credentials', () => request(ctx.app).post('/oauth/token').set('Authorization', 'Basic bm8tY29sb24=').type('form').send({ grant_type: 'client_credentials' })],
  ])('invalid_client (401 with a Basic challenge) for %s', async (_case, send) => {
    const res = await send();
    expectOAuthError(res, 401, 'invalid_client');
    expect(res.headers['www-authenticate']).toBe('Basic realm="credence"');
  });

  it('invalid_client for a revoked client', async () => {
    const client = createOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, scopes: ['courses:read'] });
    await tokenFor(client);
    revokeOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, clientId: client.clientId });
    const res = await tokenRequest({ grant_type: 'client_credentials', ...postAuth(client) });
    expectOAuthError(res, 401, 'invalid_client');
    expect(res.headers['www-authenticate']).toBe('Basic realm="credence"');
  });

  it.each(['password', 'authorization_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer'])('unsupported_grant_type for %s', async (grantType) => {
    expectOAuthError(await tokenRequest({ grant_type: grantType, ...postAuth(acmeClient) }), 400, 'unsupported_grant_type');
  });

  it.each([['an unknown scope', 'courses:read launch:missiles'], ['a scope the client was not given', 'courses:write']])('invalid_scope for %s', async (_case, scope) => {
    const res = await tokenRequest({ grant_type: 'client_credentials', ...postAuth(acmeClient), scope });
    expectOAuthError(res, 400, 'invalid_scope');
    expect(res.body.errors).toEqual([{ field: 'scope', message: res.body.detail }]);
  });

  it('invalid_grant for an audience this server does not serve', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', ...postAuth(acmeClient), audience: 'https://elsewhere.example' });
    expectOAuthError(res, 400, 'invalid_grant');
    expect(res.body.errors[0].field).toBe('audience');
  });
});

describe('access tokens on tenant routes', () => {
  const expectInvalidToken = (res: request.Response) => {
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('invalid_token');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="credence", error="invalid_token"/);
  };

  it('refuses an expired token', async () => {
    const token = await tokenFor(acmeClient);
    ctx.clock.set(new Date(Date.parse(TEST_NOW) + 3599_000).toISOString());
    expect((await request(ctx.app).get('/v1/courses').set(bearer(token))).status).toBe(200);
    ctx.clock.set(new Date(Date.parse(TEST_NOW) + 3600_000).toISOString());
    const res = await request(ctx.app).get('/v1/courses').set(bearer(token));
    expectInvalidToken(res);
    expect(res.body.detail).toMatch(/expired/);
  });

  it('refuses a token signed by another key, even one claiming the server key id', async () => {
    const genuine = await tokenFor(acmeClient);
    const { privateKey } = generateKeyPairSync('ed25519');
    const claims = decodeJwt(genuine);
    for (const kid of [decodeProtectedHeader(genuine).kid!, 'some-other-key']) {
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid }).sign(privateKey);
      expectInvalidToken(await request(ctx.app).get('/v1/courses').set(bearer(forged)));
    }
  });

  it('refuses tampered, unsigned and wrongly typed tokens', async () => {
    const genuine = await tokenFor(acmeClient);
    const [header, payload, signature] = genuine.split('.');
    const widened = Buffer.from(JSON.stringify({ ...decodeJwt(genuine), scope: 'courses:read courses:write' })).toString('base64url');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    const key = loadOrCreateTokenSigningKey(deps());
    const idToken = await new SignJWT(decodeJwt(genuine)).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
    for (const token of [`${header}.${widened}.${signature}`, unsigned, idToken, 'a.b.c']) {
      expectInvalidToken(await request(ctx.app).get('/v1/courses').set(bearer(token)));
    }
  });

  it('refuses the token of a revoked client at once', async () => {
    const client = createOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, scopes: ['courses:read'] });
    const token = await tokenFor(client);
    expect((await request(ctx.app).get('/v1/courses').set(bearer(token))).status).toBe(200);
    revokeOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, clientId: client.clientId });
    expectInvalidToken(await request(ctx.app).get('/v1/courses').set(bearer(token)));
  });

  it('keeps tenants apart: an acme token never sees globex data, whatever its tenant claim says', async () => {
    const token = await tokenFor(acmeClient);
    expect((await request(ctx.app).get('/v1/courses/go-201').set(bearer(token))).status).toBe(404);
    const globexClient = createOAuthClient(deps(), { tenantId: ctx.globex.tenant.id, scopes: ['courses:read'] });
    const globexCourses = await request(ctx.app).get('/v1/courses').set(bearer(await tokenFor(globexClient)));
    expect(globexCourses.body.items.map((c: { id: string }) => c.id)).toEqual(['go-201']);
    const crossed = await mintAccessToken({
      key: loadOrCreateTokenSigningKey(deps()),
      issuer: ctx.publicUrl,
      audience: ctx.publicUrl,
      clientId: acmeClient.clientId,
      tenantId: ctx.globex.tenant.id,
      scopes: ['courses:read'],
      now: ctx.clock.now(),
      lifetimeSeconds: 60,
    });
    expectInvalidToken(await request(ctx.app).get('/v1/courses').set(bearer(crossed)));
  });

  it('are accepted on routes served from the read-only analytics connection', async () => {
    const reader = openAnalyticsReader(ctx.database.sqlite.name);
    try {
      const app = createApp({ db: ctx.database.db, usageLog: ctx.database.usageLog, analyticsDb: reader.db, now: ctx.clock.now, masterKey: ctx.masterKey, signer: ctx.signer, logger: pino({ level: 'silent' }), publicUrl: ctx.publicUrl, rateLimitPerMinute: 1000 });
      const client = createOAuthClient(deps(), { tenantId: ctx.acme.tenant.id, scopes: ['analytics:read'] });
      const res = await request(app).get('/v1/analytics/adoption').set(bearer(await tokenFor(client)));
      expect(res.status).toBe(200);
    } finally {
      reader.close();
    }
  });

  it('still accepts API keys beside tokens', async () => {
    expect((await request(ctx.app).get('/v1/courses').set(bearer(ctx.acme.apiKey))).status).toBe(200);
  });
});
