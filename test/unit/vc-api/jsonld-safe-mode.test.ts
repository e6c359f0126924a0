import { CONTEXT_URLS } from '../../../src/credentials/document-loader.js';
import { AppError } from '../../../src/errors.js';
import { assertJsonLdSafe } from '../../../src/vc-api/jsonld-safe-mode.js';

const credential = (subject: Record<string, unknown>, contexts: unknown[] = [CONTEXT_URLS.credentialsV2]) => ({
  '@context': contexts,
  type: ['VerifiableCredential'],
  issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  credentialSubject: subject,
});

async function refusal(document: Record<string, unknown>): Promise<AppError> {
  const error = await assertJsonLdSafe(document).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('assertJsonLdSafe', () => {
  it('accepts terms its contexts define, the same shape again included (memoised expansion)', async () => {
    await expect(assertJsonLdSafe(credential({ id: 'did:example:1', name: 'Ada' }))).resolves.toBeUndefined();
    await expect(assertJsonLdSafe(credential({ id: 'did:example:2', name: 'Grace' }))).resolves.toBeUndefined();
  });

  it('names an undefined term by its path, even where a memoised shape was seen', async () => {
    const error = await refusal(credential({ id: 'did:example:1', achievement: { name: 'x', level: 3 } }));
    expect(error).toMatchObject({ code: 'jsonld_undefined_term', status: 422, field: 'credential.credentialSubject.achievement' });
  });

  it('names a relative IRI wherever it sits', async () => {
    const error = await refusal(credential({ id: 'learners/1', name: 'Ada' }));
    expect(error).toMatchObject({ code: 'jsonld_relative_iri', field: 'credential.credentialSubject.id' });
  });

  it('names an undefined type in a nested node', async () => {
    const error = await refusal(credential({ id: 'did:example:1', type: ['Person'] }));
    expect(error).toMatchObject({ code: 'jsonld_undefined_type', field: 'credential.credentialSubject.type.0' });
  });

  it('refuses relative, unbundled and malformed contexts before expanding', async () => {
    expect(await refusal(credential({ name: 'Ada' }, [CONTEXT_URLS.credentialsV2, './ctx.json']))).toMatchObject({ code: 'jsonld_relative_context', field: 'credential.@context.1' });
    expect(await refusal(credential({ name: 'Ada' }, [CONTEXT_URLS.credentialsV2, 'https://example.org/ctx']))).toMatchObject({ code: 'jsonld_unknown_context', field: 'credential.@context.1' });
    expect(await refusal(credential({ name: 'Ada' }, [CONTEXT_URLS.credentialsV2, 42]))).toMatchObject({ code: 'invalid_context', field: 'credential.@context.1' });
  });

  it('answers 422, not a stack overflow, for nesting too deep to expand', async () => {
    const deep = JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as unknown;
    const error = await refusal(credential({ id: 'did:example:1', name: deep }, [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.credentialsExamplesV2]));
    expect(error).toMatchObject({ code: 'jsonld_invalid', status: 422, field: 'credential' });
  });

  it('refuses a nested context that cannot be loaded', async () => {
    const error = await refusal(credential({ '@context': 'https://example.org/nested', name: 'Ada' }));
    expect(error).toMatchObject({ code: 'jsonld_unknown_context', field: 'credential.credentialSubject.@context' });
  });
});
