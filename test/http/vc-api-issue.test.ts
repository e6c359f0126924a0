import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { CONTEXT_URLS, createDocumentLoader } from '../../src/credentials/document-loader.js';
import { verifyCredential } from '../../src/credentials/verify-credential.js';
import { issuedCredentials, statusLists } from '../../src/db/schema.js';
import { createLocalDidResolver } from '../../src/verification/local-did-resolver.js';
import { createLocalStatusCheck } from '../../src/verification/local-status-check.js';
import { sha256Hex } from '../../src/security/hashes.js';
import { canonicalJson, subjectDigest, subjectDigestKey } from '../../src/vc-api/issuance-log.js';
import { digitalBazaarVerifier } from '../helpers/digital-bazaar-verify.js';
import { createTestContext, type TestContext, type TestTenant } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const ACME_DID = 'did:web:credence.test:issuers:acme';
/** Well-formed related-resource digests: SRI (sha384) and a base64url multibase sha2-256 multihash. */
const SRI_A = `sha384-${createHash('sha384').update('resource a').digest('base64')}`;
const SRI_B = `sha384-${createHash('sha384').update('resource b').digest('base64')}`;
const MULTIBASE_C = `u${Buffer.concat([Buffer.from([0x12, 0x20]), createHash('sha256').update('resource c').digest()]).toString('base64url')}`;
const subject = { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science and Arts' } };

/** A VC 2.0 credential in the shape of the spec's examples. */
const v2Credential = (extra: Record<string, unknown> = {}) => ({
  '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.credentialsExamplesV2],
  type: ['VerifiableCredential', 'ExampleDegreeCredential'],
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: subject,
  ...extra,
});

/** A VC 1.1 credential (terms from the examples vocabulary). */
const v1Credential = (extra: Record<string, unknown> = {}) => ({
  '@context': [CONTEXT_URLS.credentialsV1, CONTEXT_URLS.credentialsExamplesV2],
  type: ['VerifiableCredential', 'ExampleDegreeCredential'],
  issuanceDate: '2026-01-01T00:00:00Z',
  credentialSubject: subject,
  ...extra,
});

const issue = (body: unknown, tenant: TestTenant = ctx.acme) =>
  request(ctx.app).post('/credentials/issue').set('Authorization', `Bearer ${tenant.apiKey}`).send(body as object);

const credenceVerify = (credential: object) =>
  verifyCredential({
    credential,
    documentLoader: createDocumentLoader({ resolveDid: createLocalDidResolver(ctx.database.db, ctx.publicUrl) }),
    now: ctx.clock.now(),
    checkStatus: createLocalStatusCheck({ db: ctx.database.db, now: ctx.clock.now, masterKey: ctx.masterKey, signer: ctx.signer, publicUrl: ctx.publicUrl }),
  });

const independentVerify = (credential: object) =>
  digitalBazaarVerifier({
    resolveDidWeb: async (did) => (await request(ctx.app).get(`/issuers/${did.split(':').pop()}/did.json`).expect(200)).body,
  })(credential, { now: ctx.clock.now(), checkStatus: async () => ({ verified: true }) });

const logRows = () => ctx.database.db.select().from(issuedCredentials).all();

describe('POST /credentials/issue', () => {
  it('issues a VC 2.0 credential that Credence and the Digital Bazaar stack both verify', async () => {
    const res = await issue({ credential: v2Credential({ id: 'urn:uuid:7b0c7c6a-0f59-4b5e-8c1e-6f3a0c2b9d11' }) }).expect(201);
    const vc = res.body.verifiableCredential;
    expect(vc.issuer).toBe(ACME_DID);
    expect(vc.proof).toEqual([
      expect.objectContaining({
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: `${ACME_DID}#key-1`,
        proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
      }),
    ]);
    expect((await credenceVerify(vc)).verified).toBe(true);
    expect((await independentVerify(vc)).verified).toBe(true);
    const tampered = { ...vc, credentialSubject: { ...subject, id: 'did:example:someone-else' } };
    expect((await independentVerify(tampered)).verified).toBe(false);
  });

  it('issues a credential whose related resources carry SRI and multibase digests', async () => {
    const relatedResource = [
      { id: 'https://example.com/a', digestSRI: SRI_A },
      { id: 'https://example.com/c', digestMultibase: MULTIBASE_C, mediaType: 'application/json' },
    ];
    const vc = (await issue({ credential: v2Credential({ relatedResource }) }).expect(201)).body.verifiableCredential;
    expect(vc.relatedResource).toEqual(relatedResource);
    expect((await independentVerify(vc)).verified).toBe(true);
  });

  it('issues a VC 1.1 credential, adding the Data Integrity context, and both verifiers accept it', async () => {
    const res = await issue({ credential: v1Credential({ issuer: ACME_DID }) }).expect(201);
    const vc = res.body.verifiableCredential;
    expect(vc['@context']).toEqual([CONTEXT_URLS.credentialsV1, CONTEXT_URLS.credentialsExamplesV2, CONTEXT_URLS.dataIntegrityV2]);
    expect(vc.issuanceDate).toBe('2026-01-01T00:00:00Z');
    expect((await credenceVerify(vc)).verified).toBe(true);
    expect((await independentVerify(vc)).verified).toBe(true);
  });

  it('fills a missing 1.1 issuanceDate with the current time', async () => {
    const { issuanceDate: _omitted, ...credential } = v1Credential();
    const res = await issue({ credential }).expect(201);
    expect(res.body.verifiableCredential.issuanceDate).toBe('2026-11-02T10:00:00Z');
  });

  it('signs as the did:key when the credential names it, and keeps the issuer object\'s other properties', async () => {
    const tenant = await request(ctx.app).get('/v1/tenant').set('Authorization', `Bearer ${ctx.acme.apiKey}`).expect(200);
    const didKey: string = tenant.body.issuerIds.didKey;
    const res = await issue({ credential: v2Credential({ issuer: { id: didKey, name: 'Acme Corp' } }) }).expect(201);
    const vc = res.body.verifiableCredential;
    expect(vc.issuer).toEqual({ id: didKey, name: 'Acme Corp' });
    expect(vc.proof[0].verificationMethod).toBe(`${didKey}#${didKey.slice('did:key:'.length)}`);
    expect((await credenceVerify(vc)).verified).toBe(true);
    expect((await independentVerify(vc)).verified).toBe(true);
  });

  it('fills an issuer object without id with the default identifier', async () => {
    const res = await issue({ credential: v2Credential({ issuer: { name: 'Acme' } }) }).expect(201);
    expect(res.body.verifiableCredential.issuer).toEqual({ name: 'Acme', id: ACME_DID });
  });

  it('refuses to issue as another tenant\'s DID or any other issuer', async () => {
    const acmeTenant = await request(ctx.app).get('/v1/tenant').set('Authorization', `Bearer ${ctx.acme.apiKey}`).expect(200);
    for (const issuer of [ACME_DID, acmeTenant.body.issuerIds.didKey, { id: ACME_DID }, 'did:example:someone']) {
      const res = await issue({ credential: v2Credential({ issuer }) }, ctx.globex);
      expect(res.status).toBe(403);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.code).toBe('issuer_not_allowed');
      expect(res.body.errors[0].field).toBe(typeof issuer === 'string' ? 'credential.issuer' : 'credential.issuer.id');
    }
  });

  it('records each issuance in the log with a tenant-keyed subject digest, keeping the subject only when the tenant opts in', async () => {
    const before = logRows().length;
    await issue({ credential: v2Credential({ id: 'https://example.com/credentials/log-1' }) }).expect(201);
    const row = logRows().find((r) => r.credentialId === 'https://example.com/credentials/log-1')!;
    const acmeDigest = subjectDigest(subject, subjectDigestKey(ctx.masterKey, ctx.acme.tenant.id));
    expect(row).toMatchObject({ types: ['VerifiableCredential', 'ExampleDegreeCredential'], subjectDigest: acmeDigest, subjectJson: null, statusIndex: null, issuer: ACME_DID, issuedAt: '2026-11-02T10:00:00.000Z' });
    expect(row.subjectDigest).not.toBe(sha256Hex(canonicalJson(subject)));
    expect(logRows()).toHaveLength(before + 1);

    await request(ctx.app).patch('/v1/tenant').set('Authorization', `Bearer ${ctx.globex.apiKey}`).send({ storeIssuedSubjects: true }).expect(200);
    await issue({ credential: v2Credential({ id: 'https://example.com/credentials/log-2' }) }, ctx.globex).expect(201);
    const stored = logRows().find((r) => r.credentialId === 'https://example.com/credentials/log-2')!;
    expect(JSON.parse(stored.subjectJson!)).toEqual(subject);
    expect(stored.subjectDigest).not.toBe(acmeDigest);
  });

  it('answers 400 for a body that is not an issue request and 413 for one over the size limit', async () => {
    for (const body of [[], { credential: 'text' }, { options: {} }, { credential: v2Credential(), options: { credentialStatus: { type: 'StatusList2021Entry' } } }]) {
      const res = await issue(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const big = await issue({ credential: v2Credential({ description: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
  });

  it('refuses deeply nested JSON (400 for any body, 422 credential_too_deep past 32 levels), never a 500, and issues at the depth limit', async () => {
    const prefix = `{"credential":{"@context":["${CONTEXT_URLS.credentialsV2}","${CONTEXT_URLS.credentialsExamplesV2}"],"type":["VerifiableCredential"],"credentialSubject":{"id":"did:example:1","name":`;
    for (const nested of ['['.repeat(3000) + ']'.repeat(3000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000)]) {
      const res = await issue(`${prefix}${nested}}}}`).set('Content-Type', 'application/json');
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ code: 'json_too_deep', errors: [expect.objectContaining({ field: 'body' })] });
    }
    for (const nested of ['['.repeat(40) + ']'.repeat(40), '{"a":'.repeat(40) + '1' + '}'.repeat(40)]) {
      const res = await issue(`${prefix}${nested}}}}`).set('Content-Type', 'application/json');
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'credential_too_deep', errors: [expect.objectContaining({ field: 'credential' })] });
    }
    // The credential is level 1 and its subject level 2: 30 more levels reach the limit of 32.
    const nestedSubject = (levels: number) => `${Array.from({ length: levels }, (_, i) => `{"level${i}":`).join('')}1${'}'.repeat(levels)}`;
    expect((await issue(`${prefix}${nestedSubject(30)}}}}`).set('Content-Type', 'application/json')).status).toBe(201);
    expect((await issue(`${prefix}${nestedSubject(31)}}}}`).set('Content-Type', 'application/json')).body.code).toBe('credential_too_deep');
  });

  it('answers 422, not a 500, when canonicalisation gives up on many alike nested objects without an id', async () => {
    const res = await issue(`{"credential":{"@context":["${CONTEXT_URLS.credentialsV2}","${CONTEXT_URLS.credentialsExamplesV2}"],"type":["VerifiableCredential"],"credentialSubject":{"id":"did:example:1","name":${'{"a":'.repeat(6)}1${'}'.repeat(6)}}}}`).set('Content-Type', 'application/json');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'jsonld_invalid', errors: [expect.objectContaining({ field: 'credential' })] });
  });

  it('requires an API key', async () => {
    const res = await request(ctx.app).post('/credentials/issue').send({ credential: v2Credential() });
    expect(res.status).toBe(401);
  });
});

describe('credential status through the VC-API', () => {
  const revoke = (credentialId: string, tenant: TestTenant = ctx.acme) =>
    request(ctx.app)
      .post('/credentials/status')
      .set('Authorization', `Bearer ${tenant.apiKey}`)
      .send({ credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] });
  const statusOption = { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } };

  it('allocates a revocation entry, gives the credential an id, and revokes it so verifiers see it at once', async () => {
    const res = await issue({ credential: v2Credential(), options: statusOption }).expect(201);
    const vc = res.body.verifiableCredential;
    expect(vc.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(vc.credentialStatus).toEqual({
      id: expect.stringMatching(/^https:\/\/credence\.test\/status\/acme\/\d+#\d+$/),
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: expect.stringMatching(/^\d+$/),
      statusListCredential: expect.stringMatching(/^https:\/\/credence\.test\/status\/acme\/\d+$/),
    });
    expect((await credenceVerify(vc)).verified).toBe(true);
    expect((await independentVerify(vc)).verified).toBe(true);
    const row = logRows().find((r) => r.credentialId === vc.id)!;
    expect(row.statusIndex).toBe(Number(vc.credentialStatus.statusListIndex));

    expect((await revoke(vc.id, ctx.globex)).status).toBe(404);
    const first = await revoke(vc.id).expect(200);
    expect(first.body).toEqual({ credentialId: vc.id, status: 'revoked', revokedAt: '2026-11-02T10:00:00.000Z' });
    const result = await credenceVerify(vc);
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.check === 'status')?.ok).toBe(false);
    ctx.clock.advanceDays(1);
    expect((await revoke(vc.id).expect(200)).body.revokedAt).toBe(first.body.revokedAt);
  });

  it('adds the status-list context to a 1.1 credential asking for status', async () => {
    const res = await issue({ credential: v1Credential(), options: statusOption }).expect(201);
    const vc = res.body.verifiableCredential;
    expect(vc['@context']).toContain(CONTEXT_URLS.bitstringStatusListV1);
    expect((await credenceVerify(vc)).verified).toBe(true);
    expect((await independentVerify(vc)).verified).toBe(true);
  });

  it('answers 404 for an unknown id and 422 for a credential issued without status', async () => {
    expect((await revoke('urn:uuid:00000000-0000-4000-8000-000000000000')).body.code).toBe('credential_not_found');
    await issue({ credential: v2Credential({ id: 'https://example.com/credentials/no-status' }) }).expect(201);
    const res = await revoke('https://example.com/credentials/no-status');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('credential_without_status');
    const bad = await request(ctx.app).post('/credentials/status').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ credentialId: 'x', credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'active' }] });
    expect(bad.status).toBe(400);
  });

  it('writes nothing when a credential is refused', async () => {
    const rows = logRows().length;
    const allocated = ctx.database.db.select().from(statusLists).where(eq(statusLists.tenantId, ctx.acme.tenant.id)).all();
    const res = await issue({ credential: v2Credential({ credentialSubject: { id: 'did:example:1', favouriteColour: 'blue' }, '@context': [CONTEXT_URLS.credentialsV2] }), options: statusOption });
    expect(res.status).toBe(422);
    expect(logRows()).toHaveLength(rows);
    expect(ctx.database.db.select().from(statusLists).where(eq(statusLists.tenantId, ctx.acme.tenant.id)).all()).toEqual(allocated);
  });
});

describe('input rules: each refusal is a 422 problem naming the field', () => {
  const v2Only = [CONTEXT_URLS.credentialsV2];
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['an undefined term in a 1.1 credential', v1Credential({ credentialSubject: { id: 'did:example:1', favouriteColour: 'blue' }, '@context': [CONTEXT_URLS.credentialsV1] }), 'jsonld_undefined_term', 'credential.credentialSubject.favouriteColour'],
    ['an undefined term in a 2.0 credential (the base context has no @vocab)', v2Credential({ '@context': v2Only, credentialSubject: { id: 'did:example:1', favouriteColour: 'blue' } }), 'jsonld_undefined_term', 'credential.credentialSubject.favouriteColour'],
    ['an undefined type', v2Credential({ '@context': v2Only, credentialSubject: { id: 'did:example:1', name: 'Ada' } }), 'jsonld_undefined_type', 'credential.type.1'],
    ['a relative @context URL', v2Credential({ '@context': [CONTEXT_URLS.credentialsV2, 'contexts/degree.jsonld'] }), 'jsonld_relative_context', 'credential.@context.1'],
    ['a context that is not bundled', v2Credential({ '@context': [CONTEXT_URLS.credentialsV2, 'https://example.com/unknown-context.jsonld'] }), 'jsonld_unknown_context', 'credential.@context.1'],
    ['a first context that is not a VC context', v2Credential({ '@context': [CONTEXT_URLS.credentialsExamplesV2] }), 'invalid_context', 'credential.@context.0'],
    ['a type without VerifiableCredential', v2Credential({ type: ['ExampleDegreeCredential'] }), 'invalid_type', 'credential.type'],
    ['a missing credentialSubject', v2Credential({ credentialSubject: undefined }), 'missing_credential_subject', 'credential.credentialSubject'],
    ['a credentialSubject that is not an object', v2Credential({ credentialSubject: 'did:example:1' }), 'invalid_credential_subject', 'credential.credentialSubject'],
    ['a credentialSubject array with a non-object', v2Credential({ credentialSubject: [subject, 'did:example:2'] }), 'invalid_credential_subject', 'credential.credentialSubject.1'],
    ['a credential id that is not a URL', v2Credential({ id: 'credential 1' }), 'invalid_id', 'credential.id'],
    ['a subject id that is not a URL', v2Credential({ credentialSubject: { ...subject, id: 'learner-1' } }), 'invalid_id', 'credential.credentialSubject.id'],
    ['an invalid validFrom', v2Credential({ validFrom: '2026-01-01' }), 'invalid_date_time', 'credential.validFrom'],
    ['an invalid validUntil', v2Credential({ validUntil: 'next year' }), 'invalid_date_time', 'credential.validUntil'],
    ['an invalid issuanceDate', v1Credential({ issuanceDate: '2026-01-01T00:00:00' }), 'invalid_date_time', 'credential.issuanceDate'],
    ['an invalid expirationDate', v1Credential({ expirationDate: 20270101 }), 'invalid_date_time', 'credential.expirationDate'],
    ['validFrom after validUntil', v2Credential({ validFrom: '2027-01-01T00:00:00Z', validUntil: '2026-06-01T00:00:00Z' }), 'invalid_validity_period', 'credential.validUntil'],
    ['a validFrom that does not exist in the calendar', v2Credential({ validFrom: '2026-02-30T00:00:00Z' }), 'invalid_date_time', 'credential.validFrom'],
    ['a validUntil with hour 24', v2Credential({ validUntil: '2027-01-01T24:00:00Z' }), 'invalid_date_time', 'credential.validUntil'],
    ['an issuanceDate on February 29 of a common year', v1Credential({ issuanceDate: '2026-02-29T00:00:00Z' }), 'invalid_date_time', 'credential.issuanceDate'],
    ['an issuanceDate after the expirationDate', v1Credential({ issuanceDate: '2027-01-01T00:00:00Z', expirationDate: '2026-06-01T00:00:00Z' }), 'invalid_validity_period', 'credential.expirationDate'],
    ['a credentialSchema without type', v2Credential({ credentialSchema: { id: 'https://example.com/schema.json' } }), 'missing_type', 'credential.credentialSchema.type'],
    ['a credentialStatus without type', v2Credential({ credentialStatus: { id: 'https://example.com/status/1#5' } }), 'missing_type', 'credential.credentialStatus.type'],
    ['a refreshService without type', v2Credential({ refreshService: { id: 'https://example.com/refresh' } }), 'missing_type', 'credential.refreshService.type'],
    ['a termsOfUse entry without type', v2Credential({ termsOfUse: [{ id: 'https://example.com/tou' }] }), 'missing_type', 'credential.termsOfUse.0.type'],
    ['an evidence entry without type', v2Credential({ evidence: [{ type: 'Evidence' }, { id: 'https://example.com/evidence/2' }] }), 'missing_type', 'credential.evidence.1.type'],
    ['a credentialSchema without a URL id', v2Credential({ credentialSchema: { type: 'JsonSchema', id: 'schema.json' } }), 'invalid_credential_schema', 'credential.credentialSchema.id'],
    ['a relatedResource entry that is not an object', v2Credential({ relatedResource: ['https://example.com/a.png'] }), 'invalid_related_resource', 'credential.relatedResource.0'],
    ['a relatedResource entry without id', v2Credential({ relatedResource: [{ digestSRI: SRI_A }] }), 'invalid_related_resource', 'credential.relatedResource.0.id'],
    ['a repeated relatedResource id', v2Credential({ relatedResource: [{ id: 'https://example.com/a', digestSRI: SRI_A }, { id: 'https://example.com/a', digestSRI: SRI_B }] }), 'duplicate_related_resource', 'credential.relatedResource.1.id'],
    ['a relatedResource entry without digest', v2Credential({ relatedResource: [{ id: 'https://example.com/a', mediaType: 'image/png' }] }), 'missing_resource_digest', 'credential.relatedResource.0'],
    ['a digestSRI that is not SRI metadata', v2Credential({ relatedResource: [{ id: 'https://example.com/a', digestSRI: 'sha384-abc' }] }), 'invalid_resource_digest', 'credential.relatedResource.0.digestSRI'],
    ['a digestMultibase that is not a multihash', v2Credential({ relatedResource: [{ id: 'https://example.com/a', digestMultibase: 'uEiB' }] }), 'invalid_resource_digest', 'credential.relatedResource.0.digestMultibase'],
    ['a credential that already has a proof', v2Credential({ proof: { type: 'DataIntegrityProof' } }), 'unexpected_proof', 'credential.proof'],
  ];

  it.each(cases)('refuses %s', async (_name, credential, code, field) => {
    const res = await issue({ credential });
    expect(res.status).toBe(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
  });
});
