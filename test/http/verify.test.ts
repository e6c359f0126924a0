import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let number: string;
beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme, { validityMonths: 12 });
  number = (await postCompletion(ctx, ctx.acme, { learner: { id: 'l1', name: 'Åse Ødegård' } })).body.number;
});
afterAll(() => ctx.close());

describe('GET /verify/:number', () => {
  it('shows a localised HTML page (English by default, Norwegian by ?lang and Accept-Language)', async () => {
    const en = await request(ctx.app).get(`/verify/${number}`).expect(200);
    expect(en.type).toBe('text/html');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Åse Ødegård');
    expect(en.text).toContain('Python 101');
    expect(en.text).toContain('Acme Corp');
    expect(en.text).toContain(number);
    expect(en.text).toContain('1 November 2026');
    expect(en.text).toContain('Valid: this certificate is genuine');
    expect(en.text).toContain(`<link rel="alternate" type="application/ld+json" href="${ctx.publicUrl}/credentials/${number}">`);
    expect(en.text).toContain(`/certificates/${number}.pdf?lang=nb`);

    const nb = await request(ctx.app).get(`/verify/${number}?lang=nb`).expect(200);
    expect(nb.text).toContain('<html lang="nb">');
    expect(nb.text).toContain('Python 101 på norsk');
    expect(nb.text).toContain('1. november 2026');
    const header = await request(ctx.app).get(`/verify/${number}`).set('Accept-Language', 'nb-NO,nb;q=0.9').expect(200);
    expect(header.text).toContain('<html lang="nb">');
  });

  it('returns the verification as JSON with every check passing', async () => {
    const res = await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/json').expect(200);
    expect(res.body).toMatchObject({
      number,
      status: 'valid',
      learner: { name: 'Åse Ødegård' },
      course: { id: 'py-101', name: 'Python 101' },
      issuer: { name: 'Acme Corp' },
      issuedAt: '2026-11-02T10:00:00.000Z',
      completedAt: '2026-11-01T12:00:00Z',
    });
    expect(res.body.learner.email).toBeUndefined();
    const checks = Object.fromEntries(res.body.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok]));
    expect(checks).toEqual({ signature: true, issuer: true, status: true, validity: true, schema: true });
  });

  it('serves the credential by content negotiation', async () => {
    const ld = await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/ld+json').expect(200);
    expect(ld.type).toBe('application/ld+json');
    expect(JSON.parse(ld.text).id).toBe(`${ctx.publicUrl}/credentials/${number}`);
    // The stored credential as issued, byte for byte, in both forms.
    expect(ld.text).toBe((await request(ctx.app).get(`/credentials/${number}`).expect(200)).text);
    const jwt = await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/vc+jwt').expect(200);
    expect(jwt.type).toBe('application/vc+jwt');
    expect(jwt.text).toBe((await request(ctx.app).get(`/credentials/${number}.jwt`).expect(200)).text);
  });

  it('gives the same 404 for unknown and malformed numbers, in HTML and JSON', async () => {
    const unknown = await request(ctx.app).get('/verify/0b7c2f9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f');
    const malformed = await request(ctx.app).get('/verify/not-a-number');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(unknown.text).toBe(malformed.text);
    const unknownJson = await request(ctx.app).get('/verify/0b7c2f9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f').set('Accept', 'application/json');
    const malformedJson = await request(ctx.app).get('/verify/x').set('Accept', 'application/json');
    expect(unknownJson.status).toBe(404);
    expect(unknownJson.type).toBe('application/problem+json');
    expect({ ...unknownJson.body, requestId: '' }).toEqual({ ...malformedJson.body, requestId: '' });
  });

  it('shows "expired" once the validity period ends', async () => {
    ctx.clock.set('2027-11-02T10:00:00Z');
    try {
      const res = await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/json').expect(200);
      expect(res.body.status).toBe('expired');
      expect(res.body.checks.find((c: { check: string }) => c.check === 'validity').ok).toBe(false);
      const page = await request(ctx.app).get(`/verify/${number}`).expect(200);
      expect(page.text).toContain('Expired on 1 November 2027');
    } finally {
      ctx.clock.set('2026-11-02T10:00:00Z');
    }
  });

  it('shows "revoked" with reason and date at once after revocation', async () => {
    await request(ctx.app)
      .post(`/v1/certificates/${number}/revoke`)
      .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
      .send({ reason: 'Exam misconduct' })
      .expect(200);
    const res = await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/json').expect(200);
    expect(res.body.status).toBe('revoked');
    expect(res.body.revocation).toEqual({ revokedAt: '2026-11-02T10:00:00.000Z', reason: 'Exam misconduct' });
    expect(res.body.checks.find((c: { check: string }) => c.check === 'status').ok).toBe(false);
    const page = await request(ctx.app).get(`/verify/${number}`).expect(200);
    expect(page.text).toContain('Revoked on 2 November 2026: Exam misconduct');
  });
});
