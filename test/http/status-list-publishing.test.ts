import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { CredentialSigner } from '../../src/credentials/credential-signer.js';
import { issuerIdOf } from '../../src/credentials/verification-checks.js';
import { findStatusList } from '../../src/db/status-lists-repository.js';
import { publishStatusList } from '../../src/issuance/publish-status-list.js';
import { revokeIssuedCredential } from '../../src/vc-api/update-credential-status.js';
import { createLocalStatusCheck } from '../../src/verification/local-status-check.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const EXAMPLES = 'https://www.w3.org/ns/credentials/examples/v2';

/** A signer whose first jobs finish last, as jobs spread over a worker pool can. */
function outOfOrderSigner(signer: CredentialSigner): CredentialSigner {
  let calls = 0;
  return {
    ...signer,
    signCredential: async (job) => {
      const delay = calls++ === 0 ? 300 : 10;
      await new Promise((resolve) => setTimeout(resolve, delay));
      return signer.signCredential(job);
    },
  };
}

describe('status-list publishing', () => {
  let ctx: TestContext;
  const credentials: Array<{ id: string; issuer: string; credentialStatus: { statusListCredential: string; statusListIndex: string } }> = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    for (let i = 0; i < 3; i++) {
      const response = await request(ctx.app)
        .post('/credentials/issue')
        .set('Authorization', `Bearer ${ctx.acme.apiKey}`)
        .send({
          credential: { '@context': [V2, EXAMPLES], type: ['VerifiableCredential'], credentialSubject: { id: `did:example:${i}`, name: 'Holder' } },
          options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
        });
      expect(response.status).toBe(201);
      credentials.push(response.body.verifiableCredential);
    }
  });
  afterAll(() => ctx.close());

  /** The status of `vc` as the verifiers read it (told the credential's issuer, as they are). */
  const statusOf = (check: ReturnType<typeof createLocalStatusCheck>, vc: (typeof credentials)[number]) =>
    check(vc.credentialStatus, { issuerId: issuerIdOf(vc) });
  const deps = (signer: CredentialSigner) => ({ db: ctx.database.db, now: ctx.clock.now, masterKey: ctx.masterKey, signer, publicUrl: ctx.publicUrl });

  it('keeps every revocation when concurrent publishes finish out of order', async () => {
    const slowFirst = deps(outOfOrderSigner(ctx.signer));
    await Promise.all(credentials.slice(0, 2).map((vc) => revokeIssuedCredential(slowFirst, { tenant: ctx.acme.tenant, credentialId: vc.id })));
    const check = createLocalStatusCheck(deps(ctx.signer));
    for (const vc of credentials.slice(0, 2)) expect((await statusOf(check, vc)).revoked).toBe(true);
    expect((await statusOf(check, credentials[2]!)).revoked).toBe(false);
  });

  it('shares one waiting publish between callers and never saves an older list over a newer one', async () => {
    const list = findStatusList(ctx.database.db, ctx.acme.tenant.id, '1')!;
    const before = list.revision;
    const d = deps(ctx.signer);
    const first = publishStatusList(d, { tenant: ctx.acme.tenant, list });
    // Not started yet: a second caller shares it.
    expect(publishStatusList(d, { tenant: ctx.acme.tenant, list })).toBe(first);
    await new Promise((resolve) => setImmediate(resolve));
    // Started (or done): the next caller gets a publish of its own, which others then share.
    const second = publishStatusList(d, { tenant: ctx.acme.tenant, list });
    expect(second).not.toBe(first);
    expect(publishStatusList(d, { tenant: ctx.acme.tenant, list })).toBe(second);
    await Promise.all([first, second]);
    expect(findStatusList(ctx.database.db, ctx.acme.tenant.id, '1')!.revision).toBe(before + 2);
  });

  it('repairs the list when a revocation is replayed after its publish failed', async () => {
    const failing: CredentialSigner = { ...ctx.signer, signCredential: () => Promise.reject(new Error('signer unavailable')) };
    const vc = credentials[2]!;
    await expect(revokeIssuedCredential(deps(failing), { tenant: ctx.acme.tenant, credentialId: vc.id })).rejects.toThrow('signer unavailable');
    const check = createLocalStatusCheck(deps(ctx.signer));
    expect((await statusOf(check, vc)).revoked).toBe(false);
    await revokeIssuedCredential(deps(ctx.signer), { tenant: ctx.acme.tenant, credentialId: vc.id });
    expect((await statusOf(check, vc)).revoked).toBe(true);
  });
});
