import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { digitalBazaarDocumentLoader } from '../helpers/digital-bazaar-verify.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const EXAMPLES = 'https://www.w3.org/ns/credentials/examples/v2';

interface StatusEntry {
  statusListCredential: string;
  statusListIndex: string;
}

describe('status lists of credentials issued as a did:key', () => {
  let ctx: TestContext;
  let didKey: string;
  /** Digital Bazaar's own status check (it requires the list's issuer to be the credential's). */
  let independentStatus: (credential: object) => Promise<{ verified: boolean; status?: boolean; error?: unknown }>;

  beforeAll(async () => {
    ctx = await createTestContext();
    const auth = `Bearer ${ctx.acme.apiKey}`;
    const tenant = await request(ctx.app).patch('/v1/tenant').set('Authorization', auth).send({ issuerIdentifier: 'did:key' });
    expect(tenant.status).toBe(200);
    didKey = tenant.body.issuerIds.didKey;
    const documentLoader = digitalBazaarDocumentLoader({
      loadDocument: async (url) => {
        if (!url.startsWith(`${ctx.publicUrl}/status/`)) return undefined;
        const response = await request(ctx.app).get(url.slice(ctx.publicUrl.length));
        return response.status === 200 ? (JSON.parse(response.text) as Record<string, unknown>) : undefined;
      },
    });
    independentStatus = async (credential) => {
      const result = await checkStatus({ credential, documentLoader, suite: new DataIntegrityProof({ cryptosuite }) });
      return { verified: result.verified, status: result.results?.[0]?.status, error: result.error };
    };
  });
  afterAll(() => ctx.close());

  const issue = async () => {
    const response = await request(ctx.app)
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
      .send({
        credential: { '@context': [V2, EXAMPLES], type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:holder', name: 'Holder' } },
        options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
      });
    expect(response.status).toBe(201);
    return response.body.verifiableCredential as { id: string; issuer: string; credentialStatus: StatusEntry };
  };

  it('points at a copy of the list signed as the same did:key, which an independent checker accepts', async () => {
    const vc = await issue();
    expect(vc.issuer).toBe(didKey);
    expect(vc.credentialStatus.statusListCredential).toBe(`${ctx.publicUrl}/status/acme/1/${didKey.slice('did:key:'.length)}`);
    const list = await request(ctx.app).get(vc.credentialStatus.statusListCredential.slice(ctx.publicUrl.length));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ id: vc.credentialStatus.statusListCredential, issuer: didKey, type: ['VerifiableCredential', 'BitstringStatusListCredential'] });
    expect(await independentStatus(vc)).toMatchObject({ verified: true, status: false });

    await request(ctx.app)
      .post('/credentials/status')
      .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
      .send({ credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] })
      .expect(200);
    expect(await independentStatus(vc)).toMatchObject({ verified: true, status: true });
    const verified = await request(ctx.app).post('/credentials/verify').send({ verifiableCredential: vc });
    expect(verified.status).toBe(422);
    expect(verified.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'revoked' })]));
  });

  it('does the same for Open Badges certificates issued through the completion webhook', async () => {
    await createCourseVia(ctx, ctx.acme);
    const completion = await postCompletion(ctx, ctx.acme);
    expect(completion.status).toBe(201);
    const credential = (await request(ctx.app).get(`/credentials/${completion.body.number}`)).body as { issuer: { id: string }; credentialStatus: StatusEntry };
    expect(credential.issuer.id).toBe(didKey);
    expect(credential.credentialStatus.statusListCredential).toMatch(/\/status\/acme\/1\/z6Mk/);
    expect(await independentStatus(credential)).toMatchObject({ verified: true, status: false });
    await request(ctx.app).post(`/v1/certificates/${completion.body.number}/revoke`).set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ reason: 'Issued in error' }).expect(200);
    expect(await independentStatus(credential)).toMatchObject({ verified: true, status: true });
    const page = await request(ctx.app).get(`/verify/${completion.body.number}`).set('Accept', 'application/json');
    expect(page.body.status).toBe('revoked');
  });

  it('serves no copy for a key that is not the tenant\'s, or a list that does not exist', async () => {
    const globexKey = (await request(ctx.app).get('/v1/tenant').set('Authorization', `Bearer ${ctx.globex.apiKey}`)).body.issuerIds.didKey as string;
    await request(ctx.app).get(`/status/acme/1/${globexKey.slice('did:key:'.length)}`).expect(404);
    await request(ctx.app).get(`/status/acme/99/${didKey.slice('did:key:'.length)}`).expect(404);
    await request(ctx.app).get('/status/acme/1/not-a-key').expect(404);
  });
});
