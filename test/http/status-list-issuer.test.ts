/**
 * The `status` check trusts a status list only from the credential's own issuer: a credential
 * signed elsewhere that points at one of our lists fails it, while every credential Credence
 * issues (did:web and did:key, webhook and VC-API, renewed, across a key rotation) passes it
 * until it is revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { generateSigningKey } from '../../src/credentials/issuer-keys.js';
import { signVcJwt } from '../../src/credentials/sign-jwt.js';
import { renewCredentials } from '../../src/issuance/renew-credentials.js';
import { rotateSigningKey } from '../../src/tenants/signing-key-service.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { externalDidKey, signExternally, unsignedCredential } from '../fixtures/vc-api/external-signing.js';
import { dailyStatements } from '../fixtures/xapi.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const EXAMPLES = 'https://www.w3.org/ns/credentials/examples/v2';
const MISMATCH = 'status check failed: status list issuer mismatch';

interface Check {
  check: string;
  ok: boolean;
  detail?: string;
}
type Credential = Record<string, unknown> & { id: string; credentialStatus: { statusListCredential: string; statusListIndex: string } };

let ctx: TestContext;
let didWeb: string;
const auth = () => `Bearer ${ctx.acme.apiKey}`;

/** The `status` check of `POST /v1/verify` (the public verifier) for a JSON-LD credential or a VC-JWT. */
async function publicVerifier(credential: object | string): Promise<{ verified: boolean; status: Check | undefined }> {
  const req = request(ctx.app).post('/v1/verify');
  const res = typeof credential === 'string' ? await req.set('Content-Type', 'application/vc+jwt').send(credential) : await req.send(credential);
  expect(res.status).toBe(200);
  return { verified: res.body.verified, status: (res.body.checks as Check[]).find((c) => c.check === 'status') };
}

/** `POST /credentials/verify` (VC-API): its HTTP status, and the errors it reports. */
async function vcApiVerifier(credential: object): Promise<{ code: number; checks: string[]; errors: Array<{ code: string; check: string; detail: string }> }> {
  const res = await request(ctx.app).post('/credentials/verify').send({ verifiableCredential: credential });
  return { code: res.status, checks: res.body.checks, errors: res.body.errors };
}

/** The JSON of the public verify page of a certificate. */
async function verifyPage(number: string): Promise<{ status: string; checks: Check[] }> {
  return (await request(ctx.app).get(`/verify/${number}`).set('Accept', 'application/json').expect(200)).body;
}

const storedCredential = async (number: string): Promise<Credential> => JSON.parse((await request(ctx.app).get(`/credentials/${number}`).expect(200)).text);

async function issueViaVcApi(issuer?: string): Promise<Credential> {
  const credential = { '@context': [V2, EXAMPLES], type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:holder', name: 'Holder' }, ...(issuer ? { issuer } : {}) };
  const res = await request(ctx.app)
    .post('/credentials/issue')
    .set('Authorization', auth())
    .send({ credential, options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } } });
  expect(res.status).toBe(201);
  return res.body.verifiableCredential as Credential;
}

async function certify(learnerId: string): Promise<string> {
  const res = await postCompletion(ctx, ctx.acme, { learner: { id: learnerId, name: `Learner ${learnerId}`, email: `${learnerId}@example.com` } });
  expect(res.status).toBe(201);
  return res.body.number as string;
}

/** Every way a verifier reaches the status of one of our credentials says "ok". */
async function expectStatusOk(credential: Credential, number?: string): Promise<void> {
  expect(await publicVerifier(credential)).toEqual({ verified: true, status: { check: 'status', ok: true } });
  const vcApi = await vcApiVerifier(credential);
  expect(vcApi.errors).toEqual([]);
  expect(vcApi.checks).toContain('status');
  expect(vcApi.code).toBe(200);
  if (number) {
    const page = await verifyPage(number);
    expect(page.status).toBe('valid');
    expect(page.checks.find((c) => c.check === 'status')).toEqual({ check: 'status', ok: true });
    expect(await publicVerifier((await request(ctx.app).get(`/credentials/${number}.jwt`).expect(200)).text)).toEqual({ verified: true, status: { check: 'status', ok: true } });
  }
}

/** The credential verifies as revoked everywhere (not as an issuer mismatch). */
async function expectRevoked(credential: Credential, number?: string): Promise<void> {
  expect(await publicVerifier(credential)).toEqual({ verified: false, status: { check: 'status', ok: false, detail: expect.not.stringContaining('mismatch') } });
  const vcApi = await vcApiVerifier(credential);
  expect(vcApi.code).toBe(422);
  expect(vcApi.errors).toEqual([expect.objectContaining({ code: 'revoked', check: 'status' })]);
  if (number) expect((await verifyPage(number)).status).toBe('revoked');
}

beforeAll(async () => {
  ctx = await createTestContext();
  didWeb = (await request(ctx.app).get('/v1/tenant').set('Authorization', auth()).expect(200)).body.issuerIds.didWeb;
  await createCourseVia(ctx, ctx.acme, { validityMonths: 12, usage: { activities: ['https://tools.example/ide'], halfLifeDays: 30 } });
  // Creates the tenant's list 1, which the foreign credentials below point at.
  await certify('first');
});
afterAll(() => ctx.close());

describe('status check: the status list must be the credential issuer\'s', () => {
  /** A BitstringStatusListEntry at an index of `list` that nobody revoked. */
  const entryFor = (list: string) => ({ id: `${list}#4242`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '4242', statusListCredential: list });

  it('fails a credential signed outside the app by a fresh did:key that points at one of our lists', async () => {
    const foreign = await externalDidKey();
    const list = `${ctx.publicUrl}/status/acme/1`;
    const credential = await signExternally(unsignedCredential(foreign.did, { credentialStatus: entryFor(list) }), foreign);

    const viaPublic = await publicVerifier(credential);
    expect(viaPublic.verified).toBe(false);
    expect(viaPublic.status).toEqual({ check: 'status', ok: false, detail: `${MISMATCH} (the list is issued by ${didWeb}, the credential by ${foreign.did})` });
    const viaVcApi = await vcApiVerifier(credential);
    expect(viaVcApi.code).toBe(422);
    // Only the status check fails: signature and issuer binding are fine.
    expect(viaVcApi.checks).toEqual(['context', 'proof', 'signature', 'issuer', 'validity', 'status']);
    expect(viaVcApi.errors).toEqual([expect.objectContaining({ check: 'status', code: 'status_unverifiable', detail: expect.stringContaining(MISMATCH) })]);
  });

  it('fails it the same way as a VC-JWT', async () => {
    const pair = await generateSigningKey();
    const did = `did:key:${pair.publicKeyMultibase}`;
    const jwt = await signVcJwt({ credential: unsignedCredential(did, { credentialStatus: entryFor(`${ctx.publicUrl}/status/acme/1`) }), kid: `${did}#${pair.publicKeyMultibase}`, ...pair });
    const result = await publicVerifier(jwt);
    expect(result.verified).toBe(false);
    expect(result.status).toEqual({ check: 'status', ok: false, detail: expect.stringMatching(new RegExp(`^${MISMATCH}`)) });
  });

  it('finds no list for a foreign did:key named in the list URL (we serve no list signed by it)', async () => {
    const foreign = await externalDidKey();
    const list = `${ctx.publicUrl}/status/acme/1/${foreign.did.slice('did:key:'.length)}`;
    const credential = await signExternally(unsignedCredential(foreign.did, { credentialStatus: entryFor(list) }), foreign);
    expect(await publicVerifier(credential)).toEqual({ verified: false, status: { check: 'status', ok: false, detail: 'status check failed: status list not found' } });
  });

  it('fails a credential of one tenant identifier that points at the list of the other', async () => {
    // The tenant's own did:key pointing at its did:web list: refused, as Digital Bazaar's checker does.
    const res = await request(ctx.app).get('/v1/tenant').set('Authorization', auth()).expect(200);
    const didKey = res.body.issuerIds.didKey as string;
    const list = `${ctx.publicUrl}/status/acme/1`;
    const credential = await signExternally(unsignedCredential(didKey, { credentialStatus: entryFor(list) }), await externalDidKey());
    // (Signed by another key, so the signature fails too; the status check judges the issuers alone.)
    expect((await publicVerifier(credential)).status).toEqual({ check: 'status', ok: false, detail: `${MISMATCH} (the list is issued by ${didWeb}, the credential by ${didKey})` });
  });
});

describe("status check: Credence's own credentials", () => {
  const own: { didWebCert?: string; didWebVc?: Credential; didKeyCert?: string; didKeyVc?: Credential; rotatedCert?: string } = {};

  it('passes did:web credentials from the completion webhook and the VC-API', async () => {
    own.didWebCert = await certify('web-1');
    const certificate = await storedCredential(own.didWebCert);
    expect(certificate.credentialStatus.statusListCredential).toBe(`${ctx.publicUrl}/status/acme/1`);
    await expectStatusOk(certificate, own.didWebCert);
    own.didWebVc = await issueViaVcApi();
    expect(own.didWebVc.issuer).toBe(didWeb);
    await expectStatusOk(own.didWebVc);
  });

  it('passes did:key credentials from the completion webhook and the VC-API, and a VC-API did:web one the caller names', async () => {
    const patched = await request(ctx.app).patch('/v1/tenant').set('Authorization', auth()).send({ issuerIdentifier: 'did:key' }).expect(200);
    const didKey = patched.body.issuerIds.didKey as string;
    own.didKeyCert = await certify('key-1');
    const certificate = await storedCredential(own.didKeyCert);
    expect(certificate.issuer).toMatchObject({ id: didKey });
    expect(certificate.credentialStatus.statusListCredential).toBe(`${ctx.publicUrl}/status/acme/1/${didKey.slice('did:key:'.length)}`);
    await expectStatusOk(certificate, own.didKeyCert);
    own.didKeyVc = await issueViaVcApi();
    expect(own.didKeyVc.issuer).toBe(didKey);
    await expectStatusOk(own.didKeyVc);
    const named = await issueViaVcApi(didWeb);
    expect(named.credentialStatus.statusListCredential).toBe(`${ctx.publicUrl}/status/acme/1`);
    await expectStatusOk(named);
  });

  it('passes credentials issued before and after a key rotation', async () => {
    await rotateSigningKey({ db: ctx.database.db, masterKey: ctx.masterKey, now: ctx.clock.now }, 'acme');
    own.rotatedCert = await certify('key-2');
    const fresh = await storedCredential(own.rotatedCert);
    const before = await storedCredential(own.didKeyCert!);
    expect(fresh.credentialStatus.statusListCredential).not.toBe(before.credentialStatus.statusListCredential);
    await expectStatusOk(fresh, own.rotatedCert);
    await expectStatusOk(before, own.didKeyCert);
    await expectStatusOk(own.didKeyVc!);
    await expectStatusOk(await storedCredential(own.didWebCert!), own.didWebCert);
  });

  it('passes a renewed version (now issued as the rotated did:key) and the did:web version it replaces', async () => {
    ctx.clock.set('2027-10-15T10:00:00Z');
    await request(ctx.app).post('/v1/usage/statements').set('Authorization', auth()).send(dailyStatements('2027-10-15', 20, { actor: { mbox: 'mailto:web-1@example.com' } })).expect(200);
    const report = await renewCredentials({ db: ctx.database.db, usageLog: ctx.database.usageLog, now: ctx.clock.now, masterKey: ctx.masterKey, signer: ctx.signer, publicUrl: ctx.publicUrl });
    expect(report.renewed).toContain(own.didWebCert);
    const renewed = await storedCredential(own.didWebCert!);
    expect(renewed.credentialStatus.statusListCredential).toMatch(new RegExp(`^${ctx.publicUrl}/status/acme/1/z6Mk`));
    await expectStatusOk(renewed, own.didWebCert);
    const first = JSON.parse((await request(ctx.app).get(`/credentials/${own.didWebCert}/versions/1`).expect(200)).text) as Credential;
    expect(first.credentialStatus.statusListCredential).toBe(`${ctx.publicUrl}/status/acme/1`);
    expect((await publicVerifier(first)).status).toEqual({ check: 'status', ok: true });
  });

  it('reports each of them as revoked once revoked', async () => {
    for (const number of [own.didWebCert!, own.didKeyCert!, own.rotatedCert!]) {
      await request(ctx.app).post(`/v1/certificates/${number}/revoke`).set('Authorization', auth()).send({ reason: 'Issued in error' }).expect(200);
      await expectRevoked(await storedCredential(number), number);
    }
    for (const vc of [own.didWebVc!, own.didKeyVc!]) {
      await request(ctx.app)
        .post('/credentials/status')
        .set('Authorization', auth())
        .send({ credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] })
        .expect(200);
      await expectRevoked(vc);
    }
  });
});
