import request from 'supertest';
import type { oas31 } from 'zod-openapi';
import { ISSUE_VC1_EXAMPLE, ISSUE_VC2_EXAMPLE, REVOKE_EXAMPLE } from '../../src/http/openapi/operations/vc-api-examples.js';
import { createOAuthClient } from '../../src/oauth/oauth-clients.js';
import { escapeHtml } from '../../src/views/html.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let docs: string;
let document: oas31.OpenAPIObject;

beforeAll(async () => {
  ctx = await createTestContext();
  docs = (await request(ctx.app).get('/docs').expect(200)).text;
  document = (await request(ctx.app).get('/openapi.json').expect(200)).body as oas31.OpenAPIObject;
});
afterAll(() => ctx.close());

/** The HTML of one operation's section on the page. */
function sectionOf(operationId: string): string {
  const start = docs.indexOf(`<section class="op" id="${operationId}">`);
  expect(start).toBeGreaterThan(-1);
  return docs.slice(start, docs.indexOf('</section>', start));
}

describe('GET /docs', () => {
  it('is a self-contained HTML page under the strict CSP', async () => {
    const res = await request(ctx.app).get('/docs').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(docs).not.toMatch(/<script|<link|<img|<iframe/i);
    expect(docs).not.toMatch(/(src|href)="https?:/i);
  });

  it('shows every path and method of the description', () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        if (!item[method]) continue;
        expect([path, docs.includes(`${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>`)]).toEqual([path, true]);
      }
    }
  });

  it('documents an operation: auth and scope, body fields, problem codes and a curl example', () => {
    const section = sectionOf('recordCompletion');
    expect(section).toContain('<code>completions:write</code>');
    expect(section).toMatch(/<td><code>courseId<\/code><\/td><td>string<\/td><td>yes<\/td>/);
    expect(section).toMatch(/<td><code>learner\.email<\/code><\/td><td>string \(email\)<\/td><td><\/td>/);
    expect(section).toContain('<code>idempotency_key_reused</code>');
    expect(section).toContain(`curl -X POST &quot;${ctx.publicUrl}/v1/completions&quot;`);
  });

  it('walks through getting started: token, issuer identifier, VC 2.0 and 1.1, verify, revoke', () => {
    const start = docs.indexOf('id="getting-started"');
    const guide = docs.slice(start, docs.indexOf('</section>', start));
    for (const step of ['credence client create', '/oauth/token', 'issuerIdentifier', '/credentials/issue', 'https://www.w3.org/2018/credentials/v1', '/credentials/verify', '/credentials/status']) {
      expect([step, guide.includes(escapeHtml(step))]).toEqual([step, true]);
    }
  });
});

describe('the getting-started walkthrough, as an integrator follows it', () => {
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let token: string;

  beforeAll(async () => {
    const client = createOAuthClient({ db: ctx.database.db, now: ctx.clock.now }, {
      tenantId: ctx.acme.tenant.id,
      scopes: ['credentials:issue', 'credentials:status', 'tenant:read', 'tenant:write'],
    });
    const res = await request(ctx.app).post('/oauth/token').auth(client.clientId, client.clientSecret).type('form').send({ grant_type: 'client_credentials' }).expect(200);
    token = res.body.access_token as string;
  });

  const issueAndVerify = async (example: object) => {
    const issued = await request(ctx.app).post('/credentials/issue').set(bearer(token)).send(example).expect(201);
    const credential = issued.body.verifiableCredential as { issuer: string | { id: string } };
    await request(ctx.app).post('/credentials/verify').send({ verifiableCredential: credential }).expect(200);
    return typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  };

  it.each([
    ['did:key', ISSUE_VC2_EXAMPLE],
    ['did:key', ISSUE_VC1_EXAMPLE],
    ['did:web', ISSUE_VC2_EXAMPLE],
    ['did:web', ISSUE_VC1_EXAMPLE],
  ])('issues and verifies as %s', async (issuerIdentifier, example) => {
    await request(ctx.app).patch('/v1/tenant').set(bearer(token)).send({ issuerIdentifier }).expect(200);
    expect(await issueAndVerify(example)).toMatch(new RegExp(`^${issuerIdentifier}:`));
  });

  it('revokes, and verifying then answers 422 with code revoked', async () => {
    const issued = await request(ctx.app).post('/credentials/issue').set(bearer(token)).send(ISSUE_VC2_EXAMPLE).expect(201);
    await request(ctx.app).post('/credentials/status').set(bearer(token)).send(REVOKE_EXAMPLE).expect(200);
    const res = await request(ctx.app).post('/credentials/verify').send({ verifiableCredential: issued.body.verifiableCredential }).expect(422);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toContain('revoked');
  });
});
