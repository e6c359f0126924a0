import { describe, expect, it } from '@jest/globals';
import { CONTEXT_URLS, createDocumentLoader, getBundledContext, registerContext, registeredContexts } from '../../../src/credentials/document-loader.js';
import { acme, documentLoader } from './fixtures.js';

describe('createDocumentLoader', () => {
  it('serves every bundled context, parsed and cached (same object each time)', async () => {
    for (const url of Object.values(CONTEXT_URLS)) {
      const first = await documentLoader(url);
      expect(first.documentUrl).toBe(url);
      expect(first.document['@context']).toBeDefined();
      expect(await documentLoader(url)).toBe(first);
    }
    expect(JSON.stringify(getBundledContext(CONTEXT_URLS.credentialsV2))).toContain('BitstringStatusListEntry');
  });

  it('never fetches: other URLs are rejected with a clear error', async () => {
    await expect(documentLoader('https://example.com/context.jsonld')).rejects.toThrow('document not bundled: https://example.com/context.jsonld');
    await expect(documentLoader('https://www.w3.org/2018/credentials/examples/v1')).rejects.toThrow('document not bundled');
  });

  it('resolves did:web DIDs and their verification methods through resolveDid', async () => {
    const { document } = await documentLoader(acme.did);
    expect(document.id).toBe(acme.did);
    const vm = (await documentLoader(`${acme.did}#key-1`)).document;
    expect(vm).toMatchObject({ id: `${acme.did}#key-1`, type: 'Multikey', controller: acme.did, publicKeyMultibase: acme.keyPair.publicKeyMultibase });
    const jwk = (await documentLoader(`${acme.did}#key-1-jwk`)).document;
    expect(jwk).toMatchObject({ type: 'JsonWebKey', publicKeyJwk: { kty: 'OKP', crv: 'Ed25519' } });
    await expect(documentLoader(`${acme.did}#key-9`)).rejects.toThrow('verification method not found');
    await expect(documentLoader('did:web:unknown.example:issuers:x')).rejects.toThrow('DID not resolvable');
  });

  it('accepts async resolvers and treats did:web as unresolvable without one', async () => {
    const loader = createDocumentLoader({ resolveDid: async (did) => (did === 'did:web:a.example' ? { id: did, assertionMethod: [] } : null) });
    expect((await loader('did:web:a.example')).document.id).toBe('did:web:a.example');
    await expect(createDocumentLoader()(acme.did)).rejects.toThrow('DID not resolvable');
  });

  it('resolves Ed25519 did:key offline', async () => {
    const did = `did:key:${acme.keyPair.publicKeyMultibase}`;
    const loader = createDocumentLoader();
    const doc = (await loader(did)).document;
    expect(doc.assertionMethod).toEqual([`${did}#${acme.keyPair.publicKeyMultibase}`]);
    const vm = (await loader(`${did}#${acme.keyPair.publicKeyMultibase}`)).document;
    expect(vm).toMatchObject({ type: 'Multikey', controller: did, publicKeyMultibase: acme.keyPair.publicKeyMultibase });
    await expect(loader('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).rejects.toThrow('DID not resolvable');
  });

  it('lets contexts be registered once; a different document under the same URL is refused', async () => {
    const url = 'https://credence.test/contexts/usage-v1.jsonld';
    const context = { '@context': { '@protected': true, UsageAttestation: 'https://credence.test/vocab#UsageAttestation' } };
    registerContext(url, context);
    registerContext(url, structuredClone(context));
    expect((await documentLoader(url)).document).toEqual(context);
    expect(registeredContexts().map((c) => c.url)).toEqual([url]);
    expect(() => registerContext(url, { '@context': {} })).toThrow(TypeError);
    expect(() => registerContext('not a url', context)).toThrow(TypeError);
    expect(() => registerContext('https://x.test/c', {})).toThrow(TypeError);
  });
});
