import { CONTEXT_URLS } from '../../../src/credentials/document-loader.js';
import { prepareCredential } from '../../../src/vc-api/prepare-credential.js';

const ids = { didWeb: 'did:web:credence.test:issuers:acme', didKey: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' };
const now = new Date('2026-11-02T10:00:00.500Z');
const prepare = (credential: Record<string, unknown>, defaultIssuer: 'did:web' | 'did:key' = 'did:web') => prepareCredential(credential, { ids, defaultIssuer, now });

describe('prepareCredential', () => {
  it('fills the default issuer and normalises a string @context, without touching the input', () => {
    const input = { '@context': CONTEXT_URLS.credentialsV2, type: 'VerifiableCredential', credentialSubject: { name: 'Ada' } };
    const prepared = prepare(input, 'did:key');
    expect(prepared).toMatchObject({ version: 2, issuerKind: 'did:key', credential: { '@context': [CONTEXT_URLS.credentialsV2], issuer: ids.didKey } });
    expect(input).not.toHaveProperty('issuer');
  });

  it('completes a 1.1 credential: Data Integrity context and issuanceDate', () => {
    const prepared = prepare({ '@context': [CONTEXT_URLS.credentialsV1], type: ['VerifiableCredential'], issuer: { id: ids.didWeb, name: 'Acme' } });
    expect(prepared.version).toBe(1);
    expect(prepared.issuerKind).toBe('did:web');
    expect(prepared.credential).toMatchObject({
      '@context': [CONTEXT_URLS.credentialsV1, CONTEXT_URLS.dataIntegrityV2],
      issuer: { id: ids.didWeb, name: 'Acme' },
      issuanceDate: '2026-11-02T10:00:00Z',
    });
  });

  it('refuses a missing or foreign first context, a malformed issuer and a foreign issuer', () => {
    expect(() => prepare({ type: ['VerifiableCredential'] })).toThrow(expect.objectContaining({ code: 'invalid_context', field: 'credential.@context' }));
    expect(() => prepare({ '@context': ['https://schema.org'] })).toThrow(expect.objectContaining({ code: 'invalid_context', field: 'credential.@context.0' }));
    expect(() => prepare({ '@context': [CONTEXT_URLS.credentialsV2], issuer: 7 })).toThrow(expect.objectContaining({ code: 'invalid_issuer', status: 422 }));
    expect(() => prepare({ '@context': [CONTEXT_URLS.credentialsV2], issuer: 'did:web:credence.test:issuers:globex' })).toThrow(
      expect.objectContaining({ code: 'issuer_not_allowed', status: 403, field: 'credential.issuer' }),
    );
  });
});
