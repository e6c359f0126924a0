import request from 'supertest';
import { signVcJwt } from '../../src/credentials/sign-jwt.js';
import { externalDidKey, signExternally, signPresentationExternally, unsignedCredential, VC2, type ExternalKey } from '../fixtures/vc-api/external-signing.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { generateSigningKey } from '../../src/credentials/issuer-keys.js';

let ctx: TestContext;
let issuer: ExternalKey;
let holder: ExternalKey;
let credential: Record<string, unknown>;
const verify = (body: unknown) => request(ctx.app).post('/presentations/verify').send(body as object);
const unsigned = (credentials: unknown[]) => ({ '@context': [VC2], type: ['VerifiablePresentation'], verifiableCredential: credentials });
const signed = (challenge = 'c-123', domain = 'verifier.example') => signPresentationExternally({ credentials: [credential], holder, challenge, domain });

beforeAll(async () => {
  ctx = await createTestContext();
  issuer = await externalDidKey();
  holder = await externalDidKey();
  credential = await signExternally(unsignedCredential(issuer.did), issuer);
});
afterAll(() => ctx.close());

describe('POST /presentations/verify: unsigned presentations', () => {
  it('verifies every embedded credential (JSON-LD and VC-JWT)', async () => {
    const pair = await generateSigningKey();
    const did = `did:key:${pair.publicKeyMultibase}`;
    const jwt = await signVcJwt({ credential: unsignedCredential(did), kid: `${did}#${pair.publicKeyMultibase}`, ...pair });
    const res = await verify({ verifiablePresentation: unsigned([credential, jwt]) }).expect(200);
    expect(res.body).toEqual({ verified: true, checks: ['presentation', 'context', 'proof', 'signature', 'issuer', 'validity'], warnings: [], errors: [] });
  });

  it('answers 422 naming the embedded credential that fails', async () => {
    const tampered = { ...credential, credentialSubject: { id: 'did:example:mallory' } };
    const res = await verify({ verifiablePresentation: unsigned([credential, tampered]) }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'invalid_signature', check: 'signature', credential: 1, proof: 0 })]);
  });

  it('refuses a challenge for a presentation that is not signed', async () => {
    const res = await verify({ verifiablePresentation: unsigned([credential]), options: { challenge: 'c-123' } }).expect(422);
    expect(res.body.errors[0].code).toBe('challenge_mismatch');
  });
});

describe('POST /presentations/verify: signed presentations', () => {
  it('verifies an eddsa-rdfc-2022 authentication proof with the expected challenge and domain', async () => {
    const res = await verify({ verifiablePresentation: await signed(), options: { challenge: 'c-123', domain: 'verifier.example' } }).expect(200);
    expect(res.body.checks).toEqual(['presentation', 'context', 'proof', 'challenge', 'domain', 'signature', 'holder', 'issuer', 'validity']);
  });

  it.each([
    ['no challenge in the options', {}, 'challenge_required'],
    ['another challenge', { challenge: 'c-999' }, 'challenge_mismatch'],
    ['another domain', { challenge: 'c-123', domain: 'elsewhere.example' }, 'domain_mismatch'],
  ])('answers 422 for %s', async (_name, options, code) => {
    const res = await verify({ verifiablePresentation: await signed(), options }).expect(422);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual([code]);
  });

  it('fails a presentation changed after signing', async () => {
    const vp = await signed();
    vp.holder = issuer.did;
    const res = await verify({ verifiablePresentation: vp, options: { challenge: 'c-123' } }).expect(422);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['invalid_signature', 'holder_mismatch']);
  });

  it('fails a presentation proof with the assertionMethod purpose', async () => {
    const vp = await signed();
    (vp.proof as Record<string, unknown>).proofPurpose = 'assertionMethod';
    const res = await verify({ verifiablePresentation: vp, options: { challenge: 'c-123' } }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'wrong_proof_purpose', proof: 0 })]);
  });
});

describe('POST /presentations/verify: bad input', () => {
  it('answers 400 problem+json when the body holds no presentation object', async () => {
    for (const body of [{}, { verifiablePresentation: 'eyJ.x.y' }, { verifiablePresentation: [] }]) {
      const res = await verify(body).expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'verifiablePresentation' })] });
    }
  });

  it('answers 422 for a presentation of more credentials than it verifies', async () => {
    const res = await verify({ verifiablePresentation: unsigned(new Array(51).fill(credential)) }).expect(422);
    expect(res.body.errors[0].code).toBe('too_many_credentials');
  });

  it('answers 422 for an unsigned presentation without credentials: there is nothing to verify', async () => {
    for (const presentation of [unsigned([]), { '@context': [VC2], type: ['VerifiablePresentation'] }]) {
      const res = await verify({ verifiablePresentation: presentation }).expect(422);
      expect(res.body).toMatchObject({ verified: false, errors: [{ code: 'empty_presentation', check: 'presentation' }] });
    }
  });

  it('verifies a signed presentation without credentials (a proof of control of the holder key)', async () => {
    const vp = await signPresentationExternally({ credentials: [], holder, challenge: 'c-123' });
    const res = await verify({ verifiablePresentation: vp, options: { challenge: 'c-123' } }).expect(200);
    expect(res.body.checks).toEqual(['presentation', 'context', 'proof', 'challenge', 'signature', 'holder']);
  });

  it('answers 422 for an object that is not a presentation', async () => {
    const res = await verify({ verifiablePresentation: credential }).expect(422);
    expect(res.body.errors[0].code).toBe('not_a_presentation');
  });
});
