import { jest } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { runCli } from '../../src/cli.js';
import { openAnalyticsReader } from '../../src/db/client.js';
import { insertApiKey, revokeApiKey } from '../../src/db/api-keys-repository.js';
import { mintApiKey } from '../../src/security/api-key-token.js';
import { ADOPTION_NOW, seedAdoptionScenario } from '../fixtures/usage-days.js';
import { createTestContext, type TestContext, type TestTenant } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedAdoptionScenario(ctx, ctx.acme);
});
afterAll(() => ctx.close());
beforeEach(() => ctx.clock.set(ADOPTION_NOW));

/** Mints an extra key for a tenant (so revoking it does not break the other tests). */
function extraKey(tenant: TestTenant, scope: 'admin' | 'usage' = 'admin'): { token: string; prefix: string } {
  const key = mintApiKey(scope === 'admin' ? 'live' : 'usage');
  insertApiKey(ctx.database.db, { id: randomUUID(), tenantId: tenant.tenant.id, prefix: key.prefix, secretHash: key.secretHash, name: 'extra', scope, createdAt: ADOPTION_NOW });
  return key;
}

/** Signs in and returns the `name=value` of the session cookie. */
async function signIn(apiKey: string): Promise<string> {
  const res = await request(ctx.app).post('/dashboard/sign-in').type('form').send({ apiKey, lang: 'en' }).expect(303);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
  return cookie.split(';')[0]!;
}

describe('/dashboard sign-in and session', () => {
  it('sends visitors without a session to the sign-in form, in their language', async () => {
    await request(ctx.app).get('/dashboard').expect(303).expect('Location', '/dashboard/sign-in?lang=en');
    const nb = await request(ctx.app).get('/dashboard/sign-in').set('Accept-Language', 'nb-NO,nb;q=0.9').expect(200);
    expect(nb.text).toContain('<html lang="nb">');
    expect(nb.text).toContain('Logg inn på dashbordet');
    expect(nb.text).toContain('method="post" action="/dashboard/sign-in"');
  });

  it('refuses a wrong key and a usage-only key with a message on the form, and sets no cookie', async () => {
    const wrong = await request(ctx.app).post('/dashboard/sign-in').type('form').send({ apiKey: 'crd_live_0000000000_nope' }).expect(401);
    expect(wrong.text).toContain('That API key is invalid or revoked.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const usage = await request(ctx.app).post('/dashboard/sign-in').type('form').send({ apiKey: extraKey(ctx.acme, 'usage').token, lang: 'nb' }).expect(403);
    expect(usage.text).toContain('Denne nøkkelen kan bare sende bruksdata.');
    expect(usage.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with an httpOnly, Secure, SameSite=Lax, expiring, signed cookie that holds no key', async () => {
    const res = await request(ctx.app).post('/dashboard/sign-in').type('form').send({ apiKey: ctx.acme.apiKey, lang: 'nb' }).expect(303);
    expect(res.headers.location).toBe('/dashboard?lang=nb');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!;
    expect(cookie).toMatch(/^credence_session=[\w-]+\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=28800');
    expect(cookie).not.toContain(ctx.acme.apiKey.split('_').at(-1)!);
  });

  it('shows the localised dashboard with chart, RAG tables, breakdowns, follow-up and CSV links', async () => {
    const cookie = await signIn(ctx.acme.apiKey);
    const res = await request(ctx.app).get('/dashboard?courseId=py-101').set('Cookie', cookie).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Signed in to Acme Corp');
    expect(res.text).toMatch(/<svg [^>]*role="img" aria-labelledby="chart-title chart-desc"/);
    expect(res.text).toContain('<title id="chart-title">');
    expect(res.text).toContain('Target 40%');
    expect(res.text).toContain('2026-07: 40% at 90 days');
    expect(res.text).toContain('Green: on target');
    expect(res.text).toContain('Red: far below target');
    expect(res.text).toContain('Pending: no one at day 90 yet');
    expect(res.text).toContain('≈ 1.5 h, 900 (estimate: 3 active days × 30 min at 600/h)');
    expect(res.text).toContain('id="teams-table"');
    // m1's reports a1, a2 and b1: only b1 has an active day in the 7 days ending 2026-11-02 (on 10-30).
    expect(res.text).toContain('1 of 3 reports weekly-active');
    expect(res.text).toContain('Learner A2');
    expect(res.text).toContain('href="/v1/analytics/follow-up?courseId=py-101&amp;format=csv&amp;limit=10000"');
    const nb = await request(ctx.app).get('/dashboard?lang=nb').set('Cookie', cookie).expect(200);
    expect(nb.text).toContain('Bruk over tid per månedskull');
    expect(nb.text).toContain('Grønn: på mål');
    expect(nb.text).toContain('Trygg KI 201');
  });

  it('lets the CSV links use the session cookie, and nothing else', async () => {
    const cookie = await signIn(ctx.acme.apiKey);
    const csv = await request(ctx.app).get('/v1/analytics/follow-up?format=csv').set('Cookie', cookie).expect(200);
    expect(csv.type).toBe('text/csv');
    expect(csv.text.split('\n')[0]).toBe('learner_id,name,email,team,manager_id,course_id,completed_on,days_since_completion,last_active_day,reason');
    const [body, mac] = cookie.split('=')[1]!.split('.');
    const forged = `credence_session=${body}.${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`;
    await request(ctx.app).get('/v1/analytics/follow-up').set('Cookie', forged).expect(401);
    await request(ctx.app).get('/dashboard').set('Cookie', forged).expect(303);
  });

  it('shows each tenant only its own numbers', async () => {
    const cookie = await signIn(ctx.globex.apiKey);
    const res = await request(ctx.app).get('/dashboard').set('Cookie', cookie).expect(200);
    expect(res.text).toContain('Signed in to Globex Learning');
    expect(res.text).not.toContain('Learner A');
    expect(res.text).not.toContain('py-101');
    await request(ctx.app).get('/dashboard?courseId=py-101').set('Cookie', cookie).expect(404);
  });

  it('ends the session after 8 hours, when its key is revoked, and on sign-out', async () => {
    const cookie = await signIn(ctx.acme.apiKey);
    ctx.clock.advanceDays(8 / 24 + 0.001);
    await request(ctx.app).get('/dashboard').set('Cookie', cookie).expect(303);

    ctx.clock.set(ADOPTION_NOW);
    const key = extraKey(ctx.acme);
    const revocable = await signIn(key.token);
    await request(ctx.app).get('/dashboard').set('Cookie', revocable).expect(200);
    revokeApiKey(ctx.database.db, { tenantId: ctx.acme.tenant.id, prefix: key.prefix, at: ADOPTION_NOW });
    await request(ctx.app).get('/dashboard').set('Cookie', revocable).expect(303);

    const out = await request(ctx.app).post('/dashboard/sign-out').set('Cookie', cookie).type('form').send({ lang: 'nb' }).expect(303);
    expect(out.headers.location).toBe('/dashboard/sign-in?lang=nb');
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? [])[0]).toMatch(/^credence_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('refuses form posts from another origin, and bad filters', async () => {
    await request(ctx.app).post('/dashboard/sign-in').set('Origin', 'https://evil.example').type('form').send({ apiKey: ctx.acme.apiKey }).expect(403);
    const cookie = await signIn(ctx.acme.apiKey);
    const bad = await request(ctx.app).get('/dashboard?from=2026-13-01').set('Cookie', cookie).expect(400);
    expect(bad.body.errors[0].field).toBe('from');
    await request(ctx.app).get('/dashboard?courseId=&from=&to=').set('Cookie', cookie).expect(200);
  });
});

describe('/dashboard sessions held server-side', () => {
  const sessionRows = () =>
    ctx.database.sqlite.prepare('SELECT id_hash, tenant_id, api_key_id, created_at, expires_at FROM dashboard_sessions').all() as {
      id_hash: string;
      tenant_id: string;
      api_key_id: string;
      created_at: string;
      expires_at: string;
    }[];
  const signOut = (cookie: string) => request(ctx.app).post('/dashboard/sign-out').set('Cookie', cookie).type('form').send({ lang: 'en' }).expect(303);
  const notSignedIn = async (cookie: string) => {
    await request(ctx.app).get('/dashboard').set('Cookie', cookie).expect(303).expect('Location', '/dashboard/sign-in?lang=en');
    const form = await request(ctx.app).get('/dashboard/sign-in').set('Cookie', cookie).expect(200);
    expect(form.text).toContain('method="post" action="/dashboard/sign-in"');
    const csv = await request(ctx.app).get('/v1/analytics/follow-up?format=csv').set('Cookie', cookie).expect(401);
    expect(csv.type).toBe('application/problem+json');
  };

  it('ends the session on the server at sign-out: the same cookie replayed afterwards is refused', async () => {
    const copied = await signIn(ctx.acme.apiKey);
    const other = await signIn(ctx.acme.apiKey);
    await request(ctx.app).get('/dashboard').set('Cookie', copied).expect(200);
    await request(ctx.app).get('/v1/analytics/follow-up?format=csv').set('Cookie', copied).expect(200);

    await signOut(copied);
    await notSignedIn(copied);
    // Only that session ended: another sign-in with the same key goes on.
    await request(ctx.app).get('/dashboard').set('Cookie', other).expect(200);
  });

  it('ends the session a browser already had when it signs in again', async () => {
    const first = await signIn(ctx.acme.apiKey);
    const res = await request(ctx.app).post('/dashboard/sign-in').set('Cookie', first).type('form').send({ apiKey: ctx.acme.apiKey, lang: 'en' }).expect(303);
    const second = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!.split(';')[0]!;
    await notSignedIn(first);
    await request(ctx.app).get('/dashboard').set('Cookie', second).expect(200);
  });

  it('keeps only a SHA-256 of the session id, beside tenant, key and the 8-hour expiry', async () => {
    const cookie = await signIn(ctx.globex.apiKey);
    const id = cookie.split('=')[1]!.split('.')[0]!;
    expect(id).toMatch(/^[\w-]{43}$/);
    const row = sessionRows().find((r) => r.id_hash === createHash('sha256').update(id).digest('hex'));
    expect(row).toMatchObject({ tenant_id: ctx.globex.tenant.id, created_at: ADOPTION_NOW, expires_at: '2026-11-02T18:00:00.000Z' });
    expect(JSON.stringify(sessionRows())).not.toContain(id);
  });

  it('ends every session of an API key when the admin CLI revokes the key', async () => {
    const key = extraKey(ctx.acme);
    const first = await signIn(key.token);
    const second = await signIn(key.token);
    const unrelated = await signIn(ctx.acme.apiKey);
    await request(ctx.app).get('/dashboard').set('Cookie', first).expect(200);

    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const code = await runCli(['key', 'revoke', '--tenant', 'acme', '--prefix', key.prefix], {
        DATABASE_URL: ctx.database.sqlite.name,
        CREDENCE_MASTER_KEY: ctx.masterKey.toString('hex'),
      });
      expect(code).toBe(0);
    } finally {
      stdout.mockRestore();
    }
    // At once, not after a cache lifetime: the session check reads the key's row every time.
    await notSignedIn(first);
    await notSignedIn(second);
    await request(ctx.app).get('/dashboard').set('Cookie', unrelated).expect(200);
    // And the revoked key cannot open a new session.
    await request(ctx.app).post('/dashboard/sign-in').type('form').send({ apiKey: key.token }).expect(401);
  });

  it('still ends a session exactly 8 hours after sign-in, and forgets dead sessions at the next sign-in', async () => {
    const cookie = await signIn(ctx.acme.apiKey);
    const hash = createHash('sha256').update(cookie.split('=')[1]!.split('.')[0]!).digest('hex');
    ctx.clock.set('2026-11-02T17:59:59.999Z');
    await request(ctx.app).get('/dashboard').set('Cookie', cookie).expect(200);
    ctx.clock.set('2026-11-02T18:00:00.000Z');
    await notSignedIn(cookie);
    expect(sessionRows().some((r) => r.id_hash === hash)).toBe(true);

    const revokedKey = extraKey(ctx.acme);
    await signIn(revokedKey.token);
    revokeApiKey(ctx.database.db, { tenantId: ctx.acme.tenant.id, prefix: revokedKey.prefix, at: ADOPTION_NOW });
    await signIn(ctx.globex.apiKey);
    const rows = sessionRows();
    expect(rows.some((r) => r.id_hash === hash)).toBe(false);
    expect(rows.every((r) => r.expires_at > '2026-11-02T18:00:00.000Z')).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('treats tampered, unknown and malformed cookies as no session: the sign-in page, never a 500', async () => {
    const cookie = await signIn(ctx.acme.apiKey);
    const [id, mac] = cookie.split('=')[1]!.split('.') as [string, string];
    const flip = (text: string) => `${text.startsWith('A') ? 'B' : 'A'}${text.slice(1)}`;
    const tampered = [
      `${flip(id)}.${mac}`,
      `${id}.${flip(mac)}`,
      `${id}.${mac}.${mac}`,
      `${id}`,
      `${'A'.repeat(43)}.${'A'.repeat(43)}`,
      `${id}x.${mac}`,
      '',
      '.',
      '%FF%00',
      'caf\u00e9.\u00ff',
      `${'x'.repeat(4000)}.${mac}`,
      // A well-signed cookie of the old format (tenant, key prefix, expiry in the cookie) opens nothing.
      `${Buffer.from(JSON.stringify({ t: ctx.acme.tenant.id, k: 'crd_live_0000000000', e: Date.parse(ADOPTION_NOW) + 1000 })).toString('base64url')}.${mac}`,
    ];
    for (const value of tampered) {
      await notSignedIn(`credence_session=${value}`);
      await request(ctx.app).post('/dashboard/sign-out').set('Cookie', `credence_session=${value}`).type('form').send({}).expect(303);
    }
    // None of that ended the real session.
    await request(ctx.app).get('/dashboard').set('Cookie', cookie).expect(200);
  });

  it('signs in and out through the app as the server builds it, with reports on a read-only connection', async () => {
    const reader = openAnalyticsReader(ctx.database.sqlite.name);
    try {
      const app = createApp({
        db: ctx.database.db,
        usageLog: ctx.database.usageLog,
        analyticsDb: reader.db,
        now: ctx.clock.now,
        masterKey: ctx.masterKey,
        signer: ctx.signer,
        logger: pino({ level: 'silent' }),
        publicUrl: ctx.publicUrl,
        rateLimitPerMinute: 100_000,
      });
      const res = await request(app).post('/dashboard/sign-in').type('form').send({ apiKey: ctx.acme.apiKey, lang: 'en' }).expect(303);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!.split(';')[0]!;
      const page = await request(app).get('/dashboard?courseId=py-101').set('Cookie', cookie).expect(200);
      expect(page.text).toContain('2026-07: 40% at 90 days');
      await request(app).get('/v1/analytics/follow-up?format=csv').set('Cookie', cookie).expect(200);
      await request(app).post('/dashboard/sign-out').set('Cookie', cookie).type('form').send({ lang: 'en' }).expect(303);
      await request(app).get('/dashboard').set('Cookie', cookie).expect(303);
      await request(app).get('/v1/analytics/follow-up?format=csv').set('Cookie', cookie).expect(401);
    } finally {
      reader.close();
    }
  });
});
