import request from 'supertest';
import { CONTEXT_URLS, createDocumentLoader } from '../../src/credentials/document-loader.js';
import { verifyCredential } from '../../src/credentials/verify-credential.js';
import { findActiveSigningKey } from '../../src/db/signing-keys-repository.js';
import { rotateSigningKey } from '../../src/tenants/signing-key-service.js';
import { createLocalDidResolver } from '../../src/verification/local-did-resolver.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { digitalBazaarVerifier } from '../helpers/digital-bazaar-verify.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme);
});
afterAll(() => ctx.close());

const ACME_DID = 'did:web:credence.test:issuers:acme';
const auth = () => ({ Authorization: `Bearer ${ctx.acme.apiKey}` });
const activeDidKey = () => `did:key:${findActiveSigningKey(ctx.database.db, ctx.acme.tenant.id)!.publicKeyMultibase}`;
const credential = (extra: Record<string, unknown> = {}) => ({
  '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.credentialsExamplesV2],
  type: ['VerifiableCredential', 'ExampleMembershipCredential'],
  credentialSubject: { id: 'did:example:member-1', memberOf: 'Acme Guild' },
  ...extra,
});
const issue = (body: object) => request(ctx.app).post('/credentials/issue').set(auth()).send(body);
const credenceVerified = async (vc: object) =>
  (await verifyCredential({ credential: vc, documentLoader: createDocumentLoader({ resolveDid: createLocalDidResolver(ctx.database.db, ctx.publicUrl) }), now: ctx.clock.now(), checkStatus: async () => ({ revoked: false }) })).verified;
const independentlyVerified = async (vc: object) => (await digitalBazaarVerifier()(vc, { now: ctx.clock.now(), checkStatus: async () => ({ verified: true }) })).verified;

describe('issuer identifiers: did:web and did:key of the same key', () => {
  it('shows both identifiers and the settings in GET /v1/tenant (did:web by default)', async () => {
    const res = await request(ctx.app).get('/v1/tenant').set(auth()).expect(200);
    expect(res.body).toMatchObject({ issuerIdentifier: 'did:web', storeIssuedSubjects: false, issuerIds: { didWeb: ACME_DID, didKey: activeDidKey() } });
    expect(res.body.issuerIds.didKey).toMatch(/^did:key:z6Mk/);
  });

  it('lists the did:key in the issuer profile and as alsoKnownAs of the did:web document', async () => {
    const profile = await request(ctx.app).get('/issuers/acme').expect(200);
    expect(profile.body.id).toBe(ACME_DID);
    expect(profile.body.otherIdentifier).toEqual([{ type: 'IdentifierEntry', identifier: activeDidKey(), identifierType: 'identifier' }]);
    const did = await request(ctx.app).get('/issuers/acme/did.json').expect(200);
    expect(did.body.alsoKnownAs).toEqual([activeDidKey()]);
  });

  it('validates the identifier setting', async () => {
    const res = await request(ctx.app).patch('/v1/tenant').set(auth()).send({ issuerIdentifier: 'did:ion' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('issuerIdentifier');
  });

  it('puts the chosen identifier on new VC-API credentials and new certificates', async () => {
    const patched = await request(ctx.app).patch('/v1/tenant').set(auth()).send({ issuerIdentifier: 'did:key' }).expect(200);
    expect(patched.body.issuerIdentifier).toBe('did:key');
    const didKey = activeDidKey();

    const vc = (await issue({ credential: credential() }).expect(201)).body.verifiableCredential;
    expect(vc.issuer).toBe(didKey);
    expect(await credenceVerified(vc)).toBe(true);
    expect(await independentlyVerified(vc)).toBe(true);

    const completion = await postCompletion(ctx, ctx.acme, { learner: { id: 'learner-key', name: 'Kari Key' } }).expect(201);
    const certificate = (await request(ctx.app).get(`/credentials/${completion.body.number}`).expect(200)).body;
    expect(certificate.issuer).toMatchObject({ id: didKey, type: ['Profile'], name: 'Acme Corp' });
    expect(certificate.proof[0].verificationMethod).toBe(`${didKey}#${didKey.slice('did:key:'.length)}`);
    expect(await credenceVerified(certificate)).toBe(true);
    const page = await request(ctx.app).get(`/verify/${completion.body.number}`).set('Accept', 'application/json').expect(200);
    expect(page.body.status).toBe('valid');
    expect(page.body.checks.every((check: { ok: boolean }) => check.ok)).toBe(true);

    // The did:web stays usable when the credential names it.
    const asWeb = (await issue({ credential: credential({ issuer: ACME_DID }) }).expect(201)).body.verifiableCredential;
    expect(asWeb.proof[0].verificationMethod).toBe(`${ACME_DID}#key-1`);
    await request(ctx.app).patch('/v1/tenant').set(auth()).send({ issuerIdentifier: 'did:web' }).expect(200);
  });

  it('gives a rotated key a new did:key; credentials signed with the old one keep verifying', async () => {
    const oldDidKey = activeDidKey();
    const old = (await issue({ credential: credential({ issuer: oldDidKey }) }).expect(201)).body.verifiableCredential;
    await rotateSigningKey({ db: ctx.database.db, masterKey: ctx.masterKey, now: ctx.clock.now }, 'acme');
    const newDidKey = activeDidKey();
    expect(newDidKey).not.toBe(oldDidKey);

    const tenant = await request(ctx.app).get('/v1/tenant').set(auth()).expect(200);
    expect(tenant.body.issuerIds.didKey).toBe(newDidKey);
    const profile = await request(ctx.app).get('/issuers/acme').expect(200);
    expect(profile.body.otherIdentifier.map((entry: { identifier: string }) => entry.identifier)).toEqual([newDidKey, oldDidKey]);

    expect(await credenceVerified(old)).toBe(true);
    expect(await independentlyVerified(old)).toBe(true);
    const fresh = (await issue({ credential: credential({ issuer: newDidKey }) }).expect(201)).body.verifiableCredential;
    expect(await credenceVerified(fresh)).toBe(true);
    // A retired key no longer signs: its did:key is not an identifier to issue as.
    const refused = await issue({ credential: credential({ issuer: oldDidKey }) });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('issuer_not_allowed');
  });
});
