import request from 'supertest';
import { rotateSigningKey } from '../../src/tenants/signing-key-service.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { dailyStatements } from '../fixtures/xapi.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let number: string;

beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-11-02T10:00:00Z' });
  await createCourseVia(ctx, ctx.acme, { usage: { activities: ['https://tools.example/ide'], halfLifeDays: 30 } });
  number = (await postCompletion(ctx, ctx.acme, { learner: { id: 'l1', name: 'Åse Ødegård', email: 'ase@example.com' } })).body.number;
  await request(ctx.app).post('/v1/usage-sources').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ name: 'IDE telemetry' });
});
afterAll(() => ctx.close());

const usage = async (lang = 'en') => {
  const json = (await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/json').expect(200)).body.usage;
  const page = (await request(ctx.app).get(`/verify/${number}?lang=${lang}`).expect(200)).text;
  return { json, page };
};
const ingest = (statements: object[]) =>
  request(ctx.app).post('/v1/usage/statements').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send(statements).expect(200);

describe('recent-usage evidence on the verify page', () => {
  it('shows "No evidence" before any usage', async () => {
    const { json, page } = await usage();
    expect(json).toMatchObject({ state: 'no_evidence', score: 0, lastActiveDate: null, activeWeeksLast12: 0, halfLifeDays: 30 });
    expect(page).toContain('Recent usage');
    expect(page).toContain('No evidence of use yet');
  });

  it('moves Current → Fading → Lapsed without use, and back to Current after new use', async () => {
    // Five consecutive days ending today: E = Σ 2^(−k/30), k = 0..4 ≈ 4.777; E_ref ≈ 6.689 → 71.
    await ingest(dailyStatements('2026-11-02', 5));
    let { json, page } = await usage();
    expect(json).toMatchObject({ state: 'current', score: 71, lastActiveDate: '2026-11-02', daysSinceLastUse: 0, activeWeeksLast12: 1 });
    expect(page).toContain('Current: the skill is being applied regularly');
    expect(page).toContain('<svg class="weeks"');
    // The newest bar is the last 7 days; the one before it, a week ago.
    expect(page).toContain('<title>Active in the last 7 days</title>');
    expect(page).toContain('<title>Not active 1 week ago</title>');

    ctx.clock.advanceDays(10); // 71% × 2^(−10/30) ≈ 0.567 → Fading
    ({ json, page } = await usage('nb'));
    expect(json).toMatchObject({ state: 'fading', score: 57, daysSinceLastUse: 10 });
    expect(page).toContain('Avtagende');
    expect(page).toContain('Sist brukt for 10 dager siden');
    expect(page).toContain('<title>Ikke aktiv de siste 7 dagene</title>');

    ctx.clock.advanceDays(40); // 50 days: 0.714 × 2^(−50/30) ≈ 0.225 → Lapsed
    ({ json } = await usage());
    expect(json).toMatchObject({ state: 'lapsed', score: 22 });

    await ingest(dailyStatements('2026-12-22', 5));
    ({ json } = await usage());
    expect(json.state).toBe('current');
    expect(json.lastActiveDate).toBe('2026-12-22');
    expect(json.sources).toEqual([]);
  });

  it('attaches an issuer-signed attestation that verifies with the same verifier as the badge', async () => {
    const { json } = await usage();
    const attestation = json.attestation;
    expect(attestation.type).toEqual(['VerifiableCredential', 'UsageAttestation']);
    expect(attestation.credentialSubject).toMatchObject({
      id: `${ctx.publicUrl}/credentials/${number}`,
      usageState: json.state,
      usageScore: json.score,
      lastActiveDate: json.lastActiveDate,
    });
    expect(Date.parse(attestation.validUntil) - Date.parse(attestation.validFrom)).toBe(7 * 86_400_000);
    expect(attestation.issuer.id).toBe('did:web:credence.test:issuers:acme');
    const verified = await request(ctx.app).post('/v1/verify').send(attestation).expect(200);
    expect(verified.body.verified).toBe(true);
    const tampered = { ...attestation, credentialSubject: { ...attestation.credentialSubject, usageScore: 100 } };
    expect((await request(ctx.app).post('/v1/verify').send(tampered).expect(200)).body.verified).toBe(false);
    const context = await request(ctx.app).get('/contexts/usage-attestation-v1.json').expect(200);
    expect(context.body['@context'].UsageAttestation).toBeDefined();
  });

  it('reuses the signed attestation while the evidence is unchanged the same day', async () => {
    const a = (await usage()).json.attestation;
    const b = (await usage()).json.attestation;
    expect(b.proof[0].proofValue).toBe(a.proof[0].proofValue);
  });
});

describe('the attestation is issued by the badge\'s own issuer', () => {
  const ACME_DID = 'did:web:credence.test:issuers:acme';
  const auth = () => ({ Authorization: `Bearer ${ctx.acme.apiKey}` });
  const usageOf = async (n: string) => (await request(ctx.app).get(`/verify/${n}`).set('Accept', 'application/json').expect(200)).body.usage;
  const badge = async (n: string) => (await request(ctx.app).get(`/credentials/${n}`).expect(200)).body;
  const verified = async (vc: object) => (await request(ctx.app).post('/v1/verify').send(vc).expect(200)).body.verified as boolean;
  let keyNumber: string;

  it('names the did:key of a badge issued after the tenant switched to did:key, and verifies', async () => {
    await usage(); // the did:web badge's attestation is cached for today before the switch
    await request(ctx.app).patch('/v1/tenant').set(auth()).send({ issuerIdentifier: 'did:key' }).expect(200);
    const learner = { id: 'l2', name: 'Kari Key', email: 'kari@example.com' };
    keyNumber = (await postCompletion(ctx, ctx.acme, { learner }).expect(201)).body.number;
    await ingest(dailyStatements('2026-12-22', 3, { actor: { objectType: 'Agent', mbox: 'mailto:kari@example.com' } }));

    const credential = await badge(keyNumber);
    expect(credential.issuer.id).toMatch(/^did:key:z6Mk/);
    const attestation = (await usageOf(keyNumber)).attestation;
    expect(attestation.issuer.id).toBe(credential.issuer.id);
    expect(attestation.proof[0].verificationMethod).toBe(credential.proof[0].verificationMethod);
    expect(await verified(attestation)).toBe(true);
  });

  it('keeps naming the did:web for a badge issued before the switch (same key, other identifier)', async () => {
    const attestation = (await usage()).json.attestation;
    expect((await badge(number)).issuer.id).toBe(ACME_DID);
    expect(attestation.issuer.id).toBe(ACME_DID);
    expect(attestation.proof[0].verificationMethod).toBe(`${ACME_DID}#key-1`);
    expect(await verified(attestation)).toBe(true);
  });

  it('falls back to the did:web (which lists the old did:key as alsoKnownAs) once that did:key\'s key is retired', async () => {
    const oldDidKey = (await badge(keyNumber)).issuer.id;
    await rotateSigningKey({ db: ctx.database.db, masterKey: ctx.masterKey, now: ctx.clock.now }, 'acme');
    ctx.clock.advanceDays(1); // past today's cached attestation, signed before the rotation
    const attestation = (await usageOf(keyNumber)).attestation;
    expect(attestation.issuer.id).toBe(ACME_DID);
    expect(attestation.proof[0].verificationMethod).toBe(`${ACME_DID}#key-2`);
    expect(await verified(attestation)).toBe(true);
    const did = await request(ctx.app).get('/issuers/acme/did.json').expect(200);
    expect(did.body.alsoKnownAs).toContain(oldDidKey);
  });
});
