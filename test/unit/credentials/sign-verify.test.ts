import { describe, expect, it } from '@jest/globals';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalcredentials/vc';
import { createDocumentLoader } from '../../../src/credentials/document-loader.js';
import { signCredential, type SignedCredential } from '../../../src/credentials/sign-data-integrity.js';
import { verifyCredential } from '../../../src/credentials/verify-credential.js';
import { acme, buildCredential, documentLoader, globex, ISSUED_AT, NOW, statusChecker, validateWithOfficialSchema } from './fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke into arbitrary JSON

const sign = <T extends object>(credential: T, key = acme.key) => signCredential({ credential, key, documentLoader, created: ISSUED_AT });
const verify = (credential: unknown, options: { now?: Date; checkStatus?: ReturnType<typeof statusChecker> } = {}) =>
  verifyCredential({ credential, documentLoader, now: options.now ?? NOW, checkStatus: options.checkStatus ?? statusChecker() });
const check = (result: Awaited<ReturnType<typeof verify>>, name: string) => result.checks.find((c) => c.check === name);
const failed = (result: Awaited<ReturnType<typeof verify>>) => result.checks.filter((c) => !c.ok).map((c) => c.check);

const signed = await sign(buildCredential());

describe('signCredential', () => {
  it('adds one eddsa-rdfc-2022 DataIntegrityProof, serialised as an array, without touching the input', async () => {
    const unsigned = buildCredential();
    const result: SignedCredential<typeof unsigned> = await sign(unsigned);
    expect(unsigned).not.toHaveProperty('proof');
    expect(result.proof).toEqual([{
      type: 'DataIntegrityProof',
      created: '2026-11-02T10:00:00Z',
      verificationMethod: `${acme.did}#key-1`,
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/),
    }]);
    expect(validateWithOfficialSchema(result)).toBe(true);
  });

  it('produces exactly the stock pipeline signature (memoised expansion changes nothing)', async () => {
    for (const credential of [buildCredential(), buildCredential(globex, { subject: { learnerId: 'x-1', salt: 'Ø' } }), buildCredential(acme, { validUntil: undefined as never })]) {
      const key = credential.issuer.id === globex.did ? globex.key : acme.key;
      const fast = await signCredential({ credential, key, documentLoader, created: ISSUED_AT });
      const stock = await signCredential({ credential, key, documentLoader, created: ISSUED_AT, expansionCache: false });
      expect(fast).toEqual(stock);
    }
  });

  it('is accepted by an independent, stock @digitalcredentials/vc verifier (default issuance purpose)', async () => {
    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      checkStatus: async () => ({ verified: true }),
      now: NOW,
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('refuses to sign terms the contexts do not define (JSON-LD safe mode)', async () => {
    await expect(sign({ ...buildCredential(), favouriteColour: 'blue' })).rejects.toThrow();
  });

  it('rejects bad keys and options with TypeError', async () => {
    await expect(sign(buildCredential(), { ...acme.key, secretKeyMultibase: globex.keyPair.secretKeyMultibase })).rejects.toThrow(TypeError);
    await expect(sign(buildCredential(), { ...acme.key, verificationMethod: acme.did })).rejects.toThrow(TypeError);
  });
});

describe('verifyCredential', () => {
  it('verifies a signed credential: every check passes', async () => {
    const result = await verify(signed);
    expect(result).toEqual({
      verified: true,
      checks: [
        { check: 'signature', ok: true },
        { check: 'issuer', ok: true },
        { check: 'validity', ok: true },
        { check: 'status', ok: true },
        { check: 'schema', ok: true },
      ],
    });
  });

  it.each([
    ['credentialSubject', (c: Json) => { c.credentialSubject.name = 'Mallory'; }],
    ['credentialSubject.achievement', (c: Json) => { c.credentialSubject.achievement.name = 'Rocket science'; }],
    ['credentialSubject.identifier', (c: Json) => { c.credentialSubject.identifier[0].identityHash = 'sha256$00'; }],
    ['issuer', (c: Json) => { c.issuer.name = 'Evil Corp'; }],
    ['validFrom', (c: Json) => { c.validFrom = '2026-11-01T10:00:00Z'; }],
    ['validUntil', (c: Json) => { c.validUntil = '2099-11-02T10:00:00Z'; }],
    ['credentialStatus', (c: Json) => { c.credentialStatus.statusListIndex = '1'; }],
    ['proof[0].proofValue', (c: Json) => { const v: string = c.proof[0].proofValue; c.proof[0].proofValue = v.slice(0, 10) + (v[10] === 'A' ? 'B' : 'A') + v.slice(11); }],
    ['proof[0].created', (c: Json) => { c.proof[0].created = '2026-11-03T10:00:00Z'; }],
  ])('fails the signature check when %s is tampered with', async (_field, tamper) => {
    const copy = structuredClone(signed) as Json;
    tamper(copy);
    const result = await verify(copy);
    expect(result.verified).toBe(false);
    expect(check(result, 'signature')).toMatchObject({ ok: false, detail: expect.any(String) });
  });

  it('fails when the proof is swapped in from another credential', async () => {
    const other = await sign(buildCredential(acme, { id: 'urn:uuid:00000000-0000-4000-8000-000000000002' }));
    const result = await verify({ ...signed, proof: other.proof });
    expect(failed(result)).toEqual(['signature']);
  });

  it('fails when any proof of the set does not verify (an extra proof is not ignored)', async () => {
    const other = await sign(buildCredential(acme, { id: 'urn:uuid:00000000-0000-4000-8000-000000000003' }));
    const result = await verify({ ...signed, proof: [...signed.proof, ...other.proof] });
    expect(check(result, 'signature')).toEqual({ check: 'signature', ok: false, detail: 'not every proof is a valid eddsa-rdfc-2022 proof' });
    const foreign = await verify({ ...signed, proof: [...signed.proof, { type: 'Ed25519Signature2020', proofPurpose: 'assertionMethod', verificationMethod: `${acme.did}#key-1`, proofValue: 'z1' }] });
    expect(check(foreign, 'signature')?.ok).toBe(false);
  });

  it('fails with a wrong key: signed with globex key material but claiming acme#key-1', async () => {
    const forged = await signCredential({
      credential: buildCredential(),
      // A key pair that is internally consistent but not the one acme's DID document lists.
      key: { ...globex.keyPair, verificationMethod: `${acme.did}#key-1` },
      documentLoader,
      created: ISSUED_AT,
    });
    const result = await verify(forged);
    expect(result.verified).toBe(false);
    expect(check(result, 'signature')?.ok).toBe(false);
  });

  it('fails the issuer check when key A signs a credential naming tenant B as issuer', async () => {
    const result = await verify(await sign(buildCredential(globex), acme.key));
    expect(result.verified).toBe(false);
    expect(check(result, 'issuer')).toEqual({ check: 'issuer', ok: false, detail: `proof key ${acme.did}#key-1 does not belong to issuer ${globex.did}` });
  });

  it('reports an unresolvable issuer instead of crashing', async () => {
    const result = await verifyCredential({ credential: signed, documentLoader: createDocumentLoader(), now: NOW, checkStatus: statusChecker() });
    expect(result.verified).toBe(false);
    expect(check(result, 'issuer')).toEqual({ check: 'issuer', ok: false, detail: 'issuer not resolvable' });
    expect(check(result, 'signature')?.ok).toBe(false);
  });

  it('fails validity when expired or not yet valid, keeping the signature check independent', async () => {
    const expired = await verify(signed, { now: new Date('2028-11-02T10:00:00Z') });
    expect(failed(expired)).toEqual(['validity']);
    expect(check(expired, 'validity')?.detail).toContain('expired');
    const early = await verify(signed, { now: new Date('2026-11-02T09:59:59Z') });
    expect(failed(early)).toEqual(['validity']);
    expect(check(early, 'validity')?.detail).toContain('not yet valid');
    expect((await verify(signed, { now: ISSUED_AT })).verified).toBe(true);
  });

  it('fails status when revoked, when the checker throws, or when no checker is given', async () => {
    expect(failed(await verify(signed, { checkStatus: statusChecker(new Set([4242])) }))).toEqual(['status']);
    const throwing = await verify(signed, { checkStatus: async () => { throw new Error('list unavailable'); } });
    expect(check(throwing, 'status')).toEqual({ check: 'status', ok: false, detail: 'status check failed: list unavailable' });
    const unchecked = await verifyCredential({ credential: signed, documentLoader, now: NOW });
    expect(check(unchecked, 'status')?.ok).toBe(false);
    const withoutStatus = await verify(await sign(buildCredential(acme, { credentialStatus: undefined as never })));
    expect(withoutStatus.verified).toBe(true);
    expect(check(withoutStatus, 'status')).toBeUndefined();
  });

  it('fails the schema check for a validly signed credential that breaks the OB schema', async () => {
    const bad = buildCredential() as Json;
    bad.credentialSubject.identifier[0].identityType = 'shoeSize';
    const result = await verify(await sign(bad));
    expect(failed(result)).toEqual(['schema']);
  });

  it('never throws on garbage', async () => {
    for (const garbage of [null, 'text', [], {}, { proof: 'x' }, { ...signed, proof: [{}] }]) {
      const result = await verify(garbage);
      expect(result.verified).toBe(false);
    }
  });
});
