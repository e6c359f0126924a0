import { describe, expect, it } from '@jest/globals';
import { importJWK } from 'jose';
import { buildIssuerDidDocument, didWebForIssuer, didWebToUrl, generateSigningKey, publicKeyJwk } from '../../../src/credentials/issuer-keys.js';

describe('issuer keys and did:web', () => {
  it('generates Ed25519 Multikey pairs', async () => {
    const { publicKeyMultibase, secretKeyMultibase } = await generateSigningKey();
    expect(publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(secretKeyMultibase).toMatch(/^z3u2[1-9A-HJ-NP-Za-km-z]+$/);
    expect((await generateSigningKey()).publicKeyMultibase).not.toBe(publicKeyMultibase);
  });

  it('exports a public OKP JWK without private parts', async () => {
    const { publicKeyMultibase } = await generateSigningKey();
    const jwk = publicKeyJwk(publicKeyMultibase);
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x']);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    await expect(importJWK(jwk, 'EdDSA')).resolves.toBeDefined();
    expect(() => publicKeyJwk('zNotAKey')).toThrow(TypeError);
  });

  it('maps public URLs and slugs to did:web and back', () => {
    expect(didWebForIssuer('https://credence.example', 'acme')).toBe('did:web:credence.example:issuers:acme');
    expect(didWebForIssuer('http://localhost:3000/', 'acme')).toBe('did:web:localhost%3A3000:issuers:acme');
    expect(didWebForIssuer('https://example.org/credence', 'acme')).toBe('did:web:example.org:credence:issuers:acme');
    expect(didWebToUrl('did:web:credence.example:issuers:acme')).toBe('https://credence.example/issuers/acme/did.json');
    expect(didWebToUrl('did:web:localhost%3A3000:issuers:acme')).toBe('http://localhost:3000/issuers/acme/did.json');
    expect(didWebToUrl('did:web:127.0.0.1%3A8080:issuers:acme')).toBe('http://127.0.0.1:8080/issuers/acme/did.json');
    expect(didWebToUrl('did:web:example.org:credence:issuers:acme')).toBe('https://example.org/credence/issuers/acme/did.json');
    expect(didWebToUrl('did:web:example.org')).toBe('https://example.org/.well-known/did.json');
    expect(() => didWebForIssuer('https://credence.example', 'Bad Slug')).toThrow(TypeError);
    expect(() => didWebForIssuer('ftp://credence.example', 'acme')).toThrow(TypeError);
    expect(() => didWebToUrl('did:key:z6Mk')).toThrow(TypeError);
  });

  it('builds a DID document with a Multikey and a JsonWebKey method per key, all for assertion', async () => {
    const k1 = await generateSigningKey();
    const k2 = await generateSigningKey();
    const did = 'did:web:credence.example:issuers:acme';
    const doc = buildIssuerDidDocument({ did, keys: [{ keyId: 'key-1', ...k1 }, { keyId: 'key-2', ...k2 }] });
    expect(doc['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/jwk/v1']);
    expect(doc.id).toBe(did);
    expect(doc.verificationMethod).toEqual([
      { id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: k1.publicKeyMultibase },
      { id: `${did}#key-1-jwk`, type: 'JsonWebKey', controller: did, publicKeyJwk: publicKeyJwk(k1.publicKeyMultibase) },
      { id: `${did}#key-2`, type: 'Multikey', controller: did, publicKeyMultibase: k2.publicKeyMultibase },
      { id: `${did}#key-2-jwk`, type: 'JsonWebKey', controller: did, publicKeyJwk: publicKeyJwk(k2.publicKeyMultibase) },
    ]);
    expect(doc.assertionMethod).toEqual([`${did}#key-1`, `${did}#key-1-jwk`, `${did}#key-2`, `${did}#key-2-jwk`]);
    expect(JSON.stringify(doc)).not.toContain(k1.secretKeyMultibase);
    expect(() => buildIssuerDidDocument({ did, keys: [{ keyId: 'key-1', ...k1 }, { keyId: 'key-1', ...k2 }] })).toThrow(TypeError);
    expect(() => buildIssuerDidDocument({ did, keys: [{ keyId: 'a b', ...k1 }] })).toThrow(TypeError);
  });
});
