import { describe, expect, it } from '@jest/globals';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { expandWithTemplate } from '../../../src/credentials/expansion-templates.js';
import { templatedCryptosuite } from '../../../src/credentials/sign-data-integrity.js';
import { buildStatusListCredential, createStatusList, encodeStatusList } from '../../../src/credentials/status-list.js';
import { acme, buildCredential, documentLoader } from './fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON-LD under test

const options = { documentLoader, base: null, safe: true };

/** The memoised pipeline must give the stock canonical N-Quads, or fail exactly when stock fails. */
async function expectSameCanonicalForm(document: object): Promise<string | undefined> {
  const settle = (p: Promise<string>) => p.then((value) => ({ value }), (error: Error) => ({ error: error.message }));
  const [stock, templated] = await Promise.all([settle(cryptosuite.canonize(document, options)), settle(templatedCryptosuite.canonize(document, options))]);
  expect('error' in templated).toBe('error' in stock);
  if ('value' in stock && 'value' in templated) expect(templated.value).toBe(stock.value);
  return 'value' in stock ? stock.value : undefined;
}

const awkward = ['', ' ', 'a\nb', 'quote " and \\ backslash', 'Ĳsselmeer — 東京 — 🚀', 'https://looks.like/an/iri', '_:b0', '@id', 'urn:x-other:1', '12', 'true'];

describe('memoised JSON-LD expansion', () => {
  it('gives the stock canonical form for many credentials of one shape, awkward strings included', async () => {
    const seen = new Set<string>();
    for (const [i, text] of awkward.entries()) {
      const credential = buildCredential(acme, { id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }) as Json;
      credential.credentialSubject.name = text;
      credential.credentialSubject.identifier[0].salt = text;
      credential.credentialSubject.achievement.description = text;
      const nquads = await expectSameCanonicalForm(credential);
      expect(nquads).toBeDefined();
      seen.add(nquads!);
    }
    expect(seen.size).toBe(awkward.length);
  });

  it('handles other shapes: no subject name, no status, a status list credential, a proof configuration', async () => {
    await expectSameCanonicalForm(buildCredential(acme, { subject: { learnerId: 'emp-1', salt: 's' }, credentialStatus: undefined as never }));
    await expectSameCanonicalForm(buildStatusListCredential({
      id: 'https://credence.test/status/acme/1', issuerId: acme.did, validFrom: '2026-11-02T10:00:00Z',
      encodedList: encodeStatusList(createStatusList()), statusPurpose: 'revocation',
    }));
    await expectSameCanonicalForm({
      '@context': buildCredential()['@context'], type: 'DataIntegrityProof', created: '2026-11-02T10:00:00Z',
      verificationMethod: `${acme.did}#key-1`, cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod',
    });
    const reordered = Object.fromEntries(Object.entries(buildCredential()).reverse());
    await expectSameCanonicalForm(reordered);
  });

  it('falls back to stock expansion when a value in an IRI position could expand differently', async () => {
    for (const id of ['iss:compact', 'relative/path', 'https://has space.test', '_:blank', 'did:web:ok.example']) {
      const credential = buildCredential() as Json;
      credential.credentialSubject.achievement.id = id;
      await expectSameCanonicalForm(credential);
    }
    const credential = buildCredential() as Json;
    credential.credentialSubject.achievement.id = 'iss:compact';
    expect(await expandWithTemplate(credential)).toBeNull();
    credential.credentialSubject.achievement.id = 'did:web:ok.example';
    expect(await expandWithTemplate(credential)).not.toBeNull();
  });

  it('refuses unsupported input: unbundled contexts, slot look-alikes, undefined terms', async () => {
    expect(await expandWithTemplate({ ...buildCredential(), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.com/ctx'] })).toBeNull();
    expect(await expandWithTemplate({ ...buildCredential(), name: 'urn:x-credence-slot:0' })).toBeNull();
    expect(await expandWithTemplate({ ...buildCredential(), undefinedTerm: 'x' })).toBeNull();
    await expectSameCanonicalForm({ ...buildCredential(), undefinedTerm: 'x' });
    await expectSameCanonicalForm({ ...buildCredential(), name: 'urn:x-credence-slot:0' });
  });

  it('keeps the shape in the template key: different types or contexts never share a template', async () => {
    const a = buildCredential() as Json;
    const b = structuredClone(a);
    b.type = ['VerifiableCredential', 'EndorsementCredential'];
    const [ea, eb] = [await expandWithTemplate(a), await expandWithTemplate(b)];
    expect(JSON.stringify(ea)).not.toBe(JSON.stringify(eb));
    await expectSameCanonicalForm(b);
  });
});
