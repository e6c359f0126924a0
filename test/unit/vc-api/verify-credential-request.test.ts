import { createDocumentLoader } from '../../../src/credentials/document-loader.js';
import { verifyCredentialRequest, type VcApiVerifierDeps } from '../../../src/vc-api/verify-credential-request.js';
import { chainExternally, externalDidKey, signEd25519Signature2020, signExternally, signWithApp, unsignedCredential, type ExternalKey } from '../../fixtures/vc-api/external-signing.js';

const deps: VcApiVerifierDeps = {
  documentLoader: createDocumentLoader(),
  checkStatus: async () => ({ revoked: false }),
  now: () => new Date('2026-11-02T10:00:00Z'),
};

const verify = (credential: unknown) => verifyCredentialRequest(deps, { credential });
const codes = async (credential: unknown) => (await verify(credential)).errors.map((e) => e.code);

let issuer: ExternalKey;
let cosigner: ExternalKey;
let signed: Record<string, unknown>;
const firstProof = (doc: Record<string, unknown>) => ([] as Array<Record<string, unknown>>).concat(doc.proof as Record<string, unknown>)[0]!;
const withProof = (change: (proof: Record<string, unknown>) => void) => {
  const copy = structuredClone(signed);
  change(firstProof(copy));
  return copy;
};

beforeAll(async () => {
  issuer = await externalDidKey();
  cosigner = await externalDidKey();
  signed = await signExternally(unsignedCredential(issuer.did), issuer);
  signed.proof = [signed.proof];
});

describe('verifyCredentialRequest: accepted credentials', () => {
  it('verifies a credential signed outside the app by a fresh did:key', async () => {
    expect(await verify(signed)).toEqual({ verified: true, checks: ['context', 'proof', 'signature', 'issuer', 'validity'], warnings: [], errors: [] });
  });

  it('verifies a credential signed by the app with a fresh did:key', async () => {
    expect((await verify(await signWithApp())).verified).toBe(true);
  });

  it('verifies an Ed25519Signature2020 proof on a VC 1.1 credential', async () => {
    expect(await verify(await signEd25519Signature2020())).toMatchObject({ verified: true, errors: [] });
  });

  it('verifies a two-signer proof chain whose co-signer is not the issuer (previousProof as a string and as an array)', async () => {
    const first = await signExternally(unsignedCredential(issuer.did), issuer, { id: 'urn:uuid:proof-1' });
    for (const previousProof of ['urn:uuid:proof-1', ['urn:uuid:proof-1']]) {
      const chained = await chainExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof });
      expect(await verify(chained)).toMatchObject({ verified: true, checks: ['context', 'proof', 'proof_chain', 'signature', 'issuer', 'validity'] });
    }
  });

  it('verifies a three-proof chain whose last proof names both earlier proofs', async () => {
    const first = await signExternally(unsignedCredential(issuer.did), issuer, { id: 'urn:uuid:proof-1' });
    const second = await chainExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' });
    const third = await chainExternally(second, issuer, { id: 'urn:uuid:proof-3', previousProof: ['urn:uuid:proof-1', 'urn:uuid:proof-2'] });
    expect(await verify(third)).toMatchObject({ verified: true, errors: [] });
  });
});

describe('verifyCredentialRequest: proof chains that fail', () => {
  let first: Record<string, unknown>;
  beforeAll(async () => {
    first = await signExternally(unsignedCredential(issuer.did), issuer, { id: 'urn:uuid:proof-1' });
  });

  it('fails a dangling previousProof', async () => {
    const chained = await chainExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:missing' });
    const result = await verify(chained);
    expect(result.verified).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'broken_proof_chain', check: 'proof_chain', proof: 1 })]);
  });

  it('fails a chained proof signed over the document without the proof it names (not the spec form)', async () => {
    const overBareDocument = await signExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' });
    const result = await verify(overBareDocument);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'invalid_signature', proof: 1 })]);
  });

  it('fails a chained proof re-attached to a re-signed previous proof with the same id', async () => {
    const chained = await chainExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' });
    const resigned = await signExternally(unsignedCredential(issuer.did), issuer, { id: 'urn:uuid:proof-1', expires: '2027-10-01T00:00:00Z' });
    const swapped = { ...chained, proof: [firstProof(resigned), (chained.proof as unknown[])[1]] };
    expect(await verify(resigned)).toMatchObject({ verified: true });
    expect((await verify(swapped)).errors).toEqual([expect.objectContaining({ code: 'invalid_signature', proof: 1 })]);
  });

  it('fails a chain whose previous proof does not verify', async () => {
    const broken = structuredClone(first);
    firstProof(broken).created = '2026-09-01T00:00:00Z';
    const chained = await chainExternally(broken, cosigner, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' });
    expect((await verify(chained)).errors).toEqual([
      expect.objectContaining({ code: 'invalid_signature', proof: 0 }),
      expect.objectContaining({ code: 'broken_proof_chain', proof: 1 }),
    ]);
  });

  it('fails a chain with a cycle', async () => {
    const chained = await chainExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' });
    (chained.proof as Array<Record<string, unknown>>)[0]!.previousProof = 'urn:uuid:proof-2';
    expect(await codes(chained)).toContain('broken_proof_chain');
  });

  it('fails two proofs with the same id', async () => {
    const chained = await chainExternally(first, cosigner, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' });
    const proofs = chained.proof as Array<Record<string, unknown>>;
    const duplicated = { ...chained, proof: [proofs[0], proofs[1], { ...proofs[0] }] };
    expect((await verify(duplicated)).errors).toEqual([expect.objectContaining({ code: 'proof_malformed', proof: 2 })]);
  });

  it('fails when only a co-signer signed, not the issuer', async () => {
    const onlyCosigner = await signExternally(unsignedCredential(issuer.did), cosigner);
    expect(await codes(onlyCosigner)).toEqual(['issuer_mismatch']);
  });
});

describe('verifyCredentialRequest: every proof of a set verifies on its own', () => {
  it('fails a valid proof set next to a copy of its proof with another created date', async () => {
    const proof = firstProof(signed);
    const result = await verify({ ...signed, proof: [proof, { ...proof, id: 'urn:uuid:copy', created: '1999-01-01T00:00:00Z' }] });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'invalid_signature', proof: 1 })]);
  });

  it('fails a copy of a valid proof that only adds an id', async () => {
    const proof = firstProof(signed);
    const result = await verify({ ...signed, proof: [proof, { ...proof, id: 'urn:uuid:copy' }] });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'invalid_signature', proof: 1 })]);
  });
});

describe('verifyCredentialRequest: refused inputs', () => {
  it.each([
    ['a credential sent as JSON text', () => JSON.stringify(signed), 'not_a_credential'],
    ['a missing proof', () => ({ ...signed, proof: undefined }), 'proof_missing'],
    ['a null proof', () => ({ ...signed, proof: null }), 'proof_missing'],
    ['a proof without type', () => withProof((p) => delete p.type), 'proof_malformed'],
    ['a proof without verificationMethod', () => withProof((p) => delete p.verificationMethod), 'proof_malformed'],
    ['a proof without proofPurpose', () => withProof((p) => delete p.proofPurpose), 'proof_malformed'],
    ['an unknown proof type', () => withProof((p) => (p.type = 'BbsBlsSignature2020')), 'unsupported_proof_type'],
    ['an unknown cryptosuite', () => withProof((p) => (p.cryptosuite = 'ecdsa-rdfc-2019')), 'unsupported_cryptosuite'],
    ['the wrong proof purpose', () => withProof((p) => (p.proofPurpose = 'authentication')), 'wrong_proof_purpose'],
    ['a missing proofValue', () => withProof((p) => delete p.proofValue), 'invalid_proof_value'],
    ['a non-multibase proofValue', () => withProof((p) => (p.proofValue = Buffer.alloc(64, 1).toString('base64'))), 'invalid_proof_value'],
    ['a term added after signing', () => ({ ...signed, description: 'added later' }), 'invalid_signature'],
    ['more proofs than any credential needs', () => ({ ...signed, proof: new Array(11).fill(firstProof(signed)) }), 'too_many_proofs'],
    ['a changed subject', () => ({ ...signed, credentialSubject: { id: 'did:example:someone-else', name: 'Åse Nordmann' } }), 'invalid_signature'],
  ])('refuses %s', async (_name, make, code) => {
    const result = await verify(make());
    expect(result.verified).toBe(false);
    expect(result.errors.map((e) => e.code)).toContain(code);
    expect(result.errors.find((e) => e.code === code)).toEqual(expect.objectContaining({ type: `https://credence.dev/problems/${code}`, detail: expect.any(String), check: expect.any(String) }));
  });

  it('refuses an expired credential', async () => {
    expect(await codes(await signWithApp({ validUntil: '2026-10-15T00:00:00Z' }))).toEqual(['expired']);
  });

  it('refuses a credential that is not yet valid', async () => {
    expect(await codes(await signWithApp({ validFrom: '2026-12-01T00:00:00Z' }))).toEqual(['not_yet_valid']);
  });

  it('refuses a revoked credential', async () => {
    const credential = await signWithApp({
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: 'https://status.example/1' },
    });
    const revoked = await verifyCredentialRequest({ ...deps, checkStatus: async () => ({ revoked: true }) }, { credential });
    expect(revoked.errors.map((e) => e.code)).toEqual(['revoked']);
  });
});
