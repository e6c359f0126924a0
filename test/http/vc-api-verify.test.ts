import { createServer, type AddressInfo, type Server } from 'node:net';
import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { generateSigningKey } from '../../src/credentials/issuer-keys.js';
import { signVcJwt } from '../../src/credentials/sign-jwt.js';
import { chainExternally, externalDidKey, externalKeyFor, signExternally, unsignedCredential, VC2, type ExternalKey } from '../fixtures/vc-api/external-signing.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let issuer: ExternalKey;
let external: Record<string, unknown>;
let number: string;
const verify = (body: unknown) => request(ctx.app).post('/credentials/verify').send(body as object);

beforeAll(async () => {
  ctx = await createTestContext();
  issuer = await externalDidKey();
  external = await signExternally(unsignedCredential(issuer.did), issuer);
  await createCourseVia(ctx, ctx.acme);
  number = (await postCompletion(ctx, ctx.acme)).body.number;
});
afterAll(() => ctx.close());

describe('POST /credentials/verify', () => {
  it('answers 200 with the VC-API result for a credential signed outside the app by a fresh did:key', async () => {
    const res = await verify({ verifiableCredential: external, options: {} }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ verified: true, checks: ['context', 'proof', 'signature', 'issuer', 'validity'], warnings: [], errors: [] });
  });

  it("verifies this instance's own did:web credentials offline, and reports a revocation at once", async () => {
    const credential = JSON.parse((await request(ctx.app).get(`/credentials/${number}`).set('Accept', 'application/ld+json').expect(200)).text);
    expect(credential.issuer.id).toMatch(/^did:web:credence\.test:issuers:acme$/);
    const valid = await verify({ verifiableCredential: credential }).expect(200);
    expect(valid.body.checks).toEqual(['context', 'proof', 'signature', 'issuer', 'validity', 'status', 'schema']);
    await request(ctx.app).post(`/v1/certificates/${number}/revoke`).set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ reason: 'issued in error' }).expect(200);
    const revoked = await verify({ verifiableCredential: credential }).expect(422);
    expect(revoked.body).toMatchObject({ verified: false, errors: [{ code: 'revoked', check: 'status' }] });
  });

  it('verifies a two-signer proof chain and fails a broken one with 422', async () => {
    const cosigner = await externalDidKey();
    const first = await signExternally(unsignedCredential(issuer.did), issuer, { id: 'urn:uuid:proof-1' });
    const chained = await chainExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof: ['urn:uuid:proof-1'] });
    await verify({ verifiableCredential: chained }).expect(200);
    const dangling = await chainExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-0' });
    const res = await verify({ verifiableCredential: dangling }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'broken_proof_chain', proof: 1, detail: expect.stringContaining('urn:uuid:proof-0') })]);
  });

  it('verifies a VC-JWT, as a compact string and as an EnvelopedVerifiableCredential', async () => {
    const pair = await generateSigningKey();
    const did = `did:key:${pair.publicKeyMultibase}`;
    const jwt = await signVcJwt({ credential: unsignedCredential(did), kid: `${did}#${pair.publicKeyMultibase}`, ...pair });
    await verify({ verifiableCredential: jwt }).expect(200);
    const enveloped = { '@context': [VC2], type: ['EnvelopedVerifiableCredential'], id: `data:application/vc+jwt,${jwt}` };
    expect((await verify({ verifiableCredential: enveloped }).expect(200)).body.checks).toEqual(['signature', 'issuer', 'validity']);
    const forged = `${jwt.slice(0, -4)}AAAA`;
    expect((await verify({ verifiableCredential: forged }).expect(422)).body.errors[0]).toMatchObject({ code: 'invalid_signature', check: 'signature' });
  });

  it('never fetches a context it does not bundle', async () => {
    const res = await verify({ verifiableCredential: { ...external, '@context': [VC2, 'https://contexts.example/unknown/v1'] } }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'unknown_context', check: 'context', detail: expect.stringContaining('https://contexts.example/unknown/v1') })]);
  });

  it('answers 422 with the failing checks for a credential that does not verify', async () => {
    const res = await verify({ verifiableCredential: { ...external, proof: null } }).expect(422);
    expect(res.type).toBe('application/json');
    expect(res.body).toEqual({
      verified: false,
      checks: ['context', 'proof'],
      warnings: [],
      errors: [{ type: 'https://credence.dev/problems/proof_missing', code: 'proof_missing', title: 'The credential has no proof', detail: '"proof" is null', check: 'proof' }],
    });
  });

  it.each([
    ['a body that is not an object', () => [external], 'body'],
    ['no verifiableCredential', () => ({ options: {} }), 'verifiableCredential'],
    ['a credential sent as a JSON string', () => ({ verifiableCredential: JSON.stringify(external) }), 'verifiableCredential'],
    ['options that are not an object', () => ({ verifiableCredential: external, options: 'fast' }), 'options'],
  ])('answers 400 problem+json for %s', async (_name, body, field) => {
    const res = await verify(body()).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field })] });
  });

  it('answers 400 for a body that is not JSON and 413 for a body over the limit', async () => {
    await request(ctx.app).post('/credentials/verify').set('Content-Type', 'text/plain').send('hello').expect(400);
    const huge = { verifiableCredential: { ...external, padding: 'x'.repeat(1_100_000) } };
    expect((await verify(huge).expect(413)).body.code).toBe('payload_too_large');
  });
});

describe('POST /credentials/verify: did:web issuers of other hosts (SSRF guard)', () => {
  let server: Server;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  async function signedBy(did: string): Promise<Record<string, unknown>> {
    return signExternally(unsignedCredential(did), await externalKeyFor(did));
  }

  it('makes no request to a did:web on 127.0.0.1 and reports "issuer not resolvable"', async () => {
    const did = `did:web:127.0.0.1%3A${(server.address() as AddressInfo).port}:issuers:evil`;
    const res = await verify({ verifiableCredential: await signedBy(did) }).expect(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ check: 'issuer', code: 'issuer_not_resolvable', detail: 'issuer not resolvable' }));
    expect(connections).toBe(0);
  });

  it('refuses a did:web on 10.0.0.1 at once instead of waiting for a timeout', async () => {
    const started = Date.now();
    const res = await verify({ verifiableCredential: await signedBy('did:web:10.0.0.1:issuers:x') }).expect(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ code: 'issuer_not_resolvable' }));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers an unknown issuer on its own host from the database only', async () => {
    const res = await verify({ verifiableCredential: await signedBy('did:web:credence.test:issuers:nobody') }).expect(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ code: 'issuer_not_resolvable' }));
  });
});
