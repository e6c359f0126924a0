import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { PNG } from 'pngjs';
import request from 'supertest';
import { crc32, unbakePng } from '../../src/credentials/bake-png.js';
import { decodeStatusList, getStatusBit } from '../../src/credentials/status-list.js';
import { rotateSigningKey } from '../../src/tenants/signing-key-service.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { independentVerifier } from '../helpers/independent-verifier.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { binaryBody } from '../helpers/binary-body.js';

/** The parts of a credential the tampering tests change. */
type Tampered = { credentialSubject: { achievement: { name: string } }; issuer: { name: string }; validFrom: string; proof: Array<{ proofValue: string }> };

let ctx: TestContext;
let number: string;
let verifyIndependently: ReturnType<typeof independentVerifier>;

const schema = JSON.parse(readFileSync(new URL('../fixtures/ob3/achievementcredential.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2019({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default import is the module, the plugin is `.default`.
addFormats.default(ajv);
const validateSchema = ajv.compile(schema);


beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme, { validityMonths: 24, image: 'https://img.example/py.png' });
  number = (await postCompletion(ctx, ctx.acme)).body.number;
  verifyIndependently = independentVerifier(ctx.app, 'credence.test');
});
afterAll(() => ctx.close());

describe('Open Badges 3.0 credentials', () => {
  it('serves the credential as issued, byte for byte, valid against the official OB 3.0 schema', async () => {
    const a = await request(ctx.app).get(`/credentials/${number}`).expect(200);
    const b = await request(ctx.app).get(`/credentials/${number}`).expect(200);
    expect(a.type).toBe('application/ld+json');
    expect(a.text).toBe(b.text);
    const credential = JSON.parse(a.text);
    const valid = validateSchema(credential);
    expect(validateSchema.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(credential).toMatchObject({
      id: `${ctx.publicUrl}/credentials/${number}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'did:web:credence.test:issuers:acme', type: ['Profile'], name: 'Acme Corp' },
      validFrom: '2026-11-01T12:00:00Z',
      validUntil: '2028-11-01T12:00:00Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { type: ['Achievement'], name: 'Python 101', criteria: { narrative: 'Pass all exercises.' }, image: { id: 'https://img.example/py.png' } },
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `${ctx.publicUrl}/status/acme/1` },
    });
    expect(credential.credentialSubject.identifier[0]).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(JSON.stringify(credential)).not.toContain('ase@example.com');
    expect(credential.proof).toEqual([expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' })]);
  });

  it('verifies with the stock DCC verifier stack, and fails it when tampered', async () => {
    const credential = JSON.parse((await request(ctx.app).get(`/credentials/${number}`)).text);
    const now = ctx.clock.now();
    expect((await verifyIndependently(credential, now)).verified).toBe(true);
    const tampered = structuredClone(credential);
    tampered.credentialSubject.name = 'Mallory';
    expect((await verifyIndependently(tampered, now)).verified).toBe(false);
  });

  it('serves a VC-JWT that verifies with jose against the published JWKS', async () => {
    const jwt = await request(ctx.app).get(`/credentials/${number}.jwt`).expect(200);
    expect(jwt.type).toBe('application/vc+jwt');
    const jwks = await request(ctx.app).get('/issuers/acme/jwks.json').expect(200);
    const { payload, protectedHeader } = await jwtVerify(jwt.text, createLocalJWKSet(jwks.body), { currentDate: ctx.clock.now() });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: 'did:web:credence.test:issuers:acme#key-1' });
    expect(payload).toMatchObject({ id: `${ctx.publicUrl}/credentials/${number}`, issuer: { id: 'did:web:credence.test:issuers:acme' } });
  });

  it('publishes the issuer profile and a did:web document with Multikey and JsonWebKey methods', async () => {
    const profile = await request(ctx.app).get('/issuers/acme').expect(200);
    expect(profile.body).toMatchObject({ id: 'did:web:credence.test:issuers:acme', type: ['Profile'], name: 'Acme Corp' });
    const did = await request(ctx.app).get('/issuers/acme/did.json').expect(200);
    expect(did.body.id).toBe('did:web:credence.test:issuers:acme');
    const types = did.body.verificationMethod.map((m: { type: string }) => m.type).sort();
    expect(types).toEqual(['JsonWebKey', 'Multikey']);
    expect((await request(ctx.app).get('/issuers/nobody/did.json')).status).toBe(404);
  });

  it('bakes the credential into the badge PNG, unbaking to the identical text', async () => {
    const png = await binaryBody(request(ctx.app).get(`/credentials/${number}/badge.png`)).expect(200);
    expect(png.type).toBe('image/png');
    const stored = (await request(ctx.app).get(`/credentials/${number}`)).text;
    expect(unbakePng(png.body as Buffer)).toBe(stored);
  });

  it('verifies JSON-LD, JWT and baked PNG through the public verifier', async () => {
    const ld = (await request(ctx.app).get(`/credentials/${number}`)).text;
    const json = await request(ctx.app).post('/v1/verify').set('Content-Type', 'application/ld+json').send(ld).expect(200);
    expect(json.body).toMatchObject({ verified: true, format: 'json-ld' });
    const jwt = (await request(ctx.app).get(`/credentials/${number}.jwt`)).text;
    const viaJwt = await request(ctx.app).post('/v1/verify').set('Content-Type', 'application/vc+jwt').send(jwt).expect(200);
    expect(viaJwt.body).toMatchObject({ verified: true, format: 'vc-jwt' });
    const png = (await binaryBody(request(ctx.app).get(`/credentials/${number}/badge.png`))).body as Buffer;
    const viaPng = await request(ctx.app).post('/v1/verify').set('Content-Type', 'image/png').send(png).expect(200);
    expect(viaPng.body.verified).toBe(true);
  });

  it.each([
    ['credentialSubject', (c: Tampered) => (c.credentialSubject.achievement.name = 'Rust 101')],
    ['issuer', (c: Tampered) => (c.issuer.name = 'Evil Corp')],
    ['validFrom', (c: Tampered) => (c.validFrom = '2020-01-01T00:00:00Z')],
    ['proofValue', (c: Tampered) => (c.proof[0]!.proofValue = c.proof[0]!.proofValue.slice(0, -4) + 'abcd')],
  ])('names the failing check when %s is tampered', async (_field, tamper) => {
    const credential = JSON.parse((await request(ctx.app).get(`/credentials/${number}`)).text);
    tamper(credential);
    const res = await request(ctx.app).post('/v1/verify').send(credential).expect(200);
    expect(res.body.verified).toBe(false);
    expect(res.body.checks.find((c: { check: string }) => c.check === 'signature').ok).toBe(false);
  });

  it('never verifies a tenant A credential as tenant B', async () => {
    const credential = JSON.parse((await request(ctx.app).get(`/credentials/${number}`)).text);
    credential.issuer.id = 'did:web:credence.test:issuers:globex';
    const res = await request(ctx.app).post('/v1/verify').send(credential).expect(200);
    expect(res.body.verified).toBe(false);
    expect(res.body.checks.find((c: { check: string }) => c.check === 'issuer').ok).toBe(false);
  });

  it('reports an issuer it cannot resolve as a failed check, not a crash', async () => {
    const credential = JSON.parse((await request(ctx.app).get(`/credentials/${number}`)).text);
    credential.issuer.id = 'did:web:elsewhere.example';
    credential.proof[0].verificationMethod = 'did:web:elsewhere.example#key-1';
    const res = await request(ctx.app).post('/v1/verify').send(credential).expect(200);
    expect(res.body.verified).toBe(false);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"a":', 'malformed_json'],
    ['non-credential JSON', 'application/json', '{"hello":"world"}', 'not_a_credential'],
    ['a PNG without a credential', 'image/png', Buffer.from('89504e470d0a1a0a', 'hex'), 'invalid_png'],
    ['garbage text', 'text/plain', 'not a jwt', 'not_a_credential'],
    ['garbage shaped like a JWT', 'application/vc+jwt', 'abc.def.ghi', 'not_a_credential'],
  ])('rejects %s with problem+json', async (_name, type, body, code) => {
    const res = await request(ctx.app).post('/v1/verify').set('Content-Type', type).send(body as string);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe(code);
  });

  it('rejects oversized uploads with 413', async () => {
    const res = await request(ctx.app).post('/v1/verify').set('Content-Type', 'image/png').send(Buffer.alloc(3 * 1024 * 1024));
    expect(res.status).toBe(413);
  });

  it('refuses a small PNG whose compressed credential would inflate past 1 MB with 413, without inflating it', async () => {
    // A compressed iTXt holding 8 MB of spaces (≈ 8 KB on the wire; 600 MB would fit in the upload
    // limit just as well), before IEND of a 1×1 PNG.
    const image = PNG.sync.write(new PNG({ width: 1, height: 1 }));
    const typeAndData = Buffer.concat([
      Buffer.from('iTXtopenbadgecredential\0\x01\0\0\0', 'latin1'),
      deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20)),
    ]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(typeAndData.byteLength - 4);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    const iend = image.byteLength - 12;
    const bomb = Buffer.concat([image.subarray(0, iend), length, typeAndData, crc, image.subarray(iend)]);
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const res = await request(ctx.app).post('/v1/verify').set('Content-Type', 'image/png').send(bomb);
    expect(res.status).toBe(413);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'payload_too_large', errors: [{ field: 'body' }] });
  });

  it('revocation sets the status-list bit and flips verification to revoked', async () => {
    const revoked = (await postCompletion(ctx, ctx.acme, { learner: { id: 'to-revoke', name: 'Revoked Learner' } })).body.number;
    const credential = JSON.parse((await request(ctx.app).get(`/credentials/${revoked}`)).text);
    const index = Number(credential.credentialStatus.statusListIndex);
    await request(ctx.app).post(`/v1/certificates/${revoked}/revoke`).set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ reason: 'Fraud' }).expect(200);
    const list = await request(ctx.app).get('/status/acme/1').expect(200);
    expect(list.headers['cache-control']).toMatch(/max-age=\d+/);
    const listCredential = JSON.parse(list.text);
    expect(listCredential.type).toContain('BitstringStatusListCredential');
    expect(getStatusBit(decodeStatusList(listCredential.credentialSubject.encodedList), index)).toBe(true);
    expect(getStatusBit(decodeStatusList(listCredential.credentialSubject.encodedList), Number(JSON.parse((await request(ctx.app).get(`/credentials/${number}`)).text).credentialStatus.statusListIndex))).toBe(false);
    expect((await verifyIndependently(listCredential, ctx.clock.now())).verified).toBe(true);
    const viaVerifier = await request(ctx.app).post('/v1/verify').send(credential).expect(200);
    expect(viaVerifier.body.checks.find((c: { check: string }) => c.check === 'status').ok).toBe(false);
  });

  it('keeps old credentials valid after key rotation while new ones use the new key', async () => {
    await rotateSigningKey({ db: ctx.database.db, masterKey: ctx.masterKey, now: ctx.clock.now }, 'acme');
    const fresh = (await postCompletion(ctx, ctx.acme, { learner: { id: 'after-rotation', name: 'New Key' } })).body.number;
    const newCredential = JSON.parse((await request(ctx.app).get(`/credentials/${fresh}`)).text);
    expect(newCredential.proof[0].verificationMethod).toBe('did:web:credence.test:issuers:acme#key-2');
    for (const n of [number, fresh]) {
      const res = await request(ctx.app).get(`/verify/${n}`).set('Accept', 'application/json').expect(200);
      expect(res.body.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
      const credential = JSON.parse((await request(ctx.app).get(`/credentials/${n}`)).text);
      expect((await verifyIndependently(credential, ctx.clock.now())).verified).toBe(true);
    }
    const jwks = await request(ctx.app).get('/issuers/acme/jwks.json').expect(200);
    expect(jwks.body.keys).toHaveLength(2);
  });
});
