import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { CONTEXT_URLS } from '../../../src/credentials/document-loader.js';
import type { CredentialSigner } from '../../../src/credentials/credential-signer.js';
import { insertIssuedCredential } from '../../../src/db/issued-credentials-repository.js';
import { issuedCredentials } from '../../../src/db/schema.js';
import { assertStatusSlotFree, StatusSlotTaken } from '../../../src/issuance/allocate-status-slot.js';
import { issueCredential } from '../../../src/vc-api/issue-credential.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const claim = (listId: string, index: number) =>
  insertIssuedCredential(ctx.database.db, {
    id: randomUUID(),
    tenantId: ctx.acme.tenant.id,
    credentialId: null,
    types: ['VerifiableCredential'],
    subjectDigest: 'x',
    subjectJson: null,
    issuer: 'did:example:other',
    verificationMethod: 'did:example:other#key',
    statusListId: listId,
    statusIndex: index,
    issuedAt: ctx.clock.now().toISOString(),
    revokedAt: null,
  });

describe('status slots shared by certificates and VC-API credentials', () => {
  it('sees a slot taken by a VC-API credential', () => {
    claim('1', 42);
    expect(() => assertStatusSlotFree(ctx.database.db, ctx.acme.tenant.id, { listId: '1', index: 42 })).toThrow(StatusSlotTaken);
    expect(() => assertStatusSlotFree(ctx.database.db, ctx.acme.tenant.id, { listId: '1', index: 43 })).not.toThrow();
    expect(() => assertStatusSlotFree(ctx.database.db, ctx.globex.tenant.id, { listId: '1', index: 42 })).not.toThrow();
  });

  it('signs again with a fresh slot when another issuance claimed its slot while it was signing', async () => {
    const taken: string[] = [];
    // The real signer, plus a concurrent issuance that claims the same slot during the first signing.
    const racingSigner: CredentialSigner = {
      ...ctx.signer,
      signCredential: async (job) => {
        const entry = (job.credential as { credentialStatus: { statusListCredential: string; statusListIndex: string } }).credentialStatus;
        taken.push(entry.statusListIndex);
        if (taken.length === 1) claim(entry.statusListCredential.split('/').pop()!, Number(entry.statusListIndex));
        return ctx.signer.signCredential(job);
      },
    };
    const deps = { db: ctx.database.db, now: ctx.clock.now, masterKey: ctx.masterKey, signer: racingSigner, publicUrl: ctx.publicUrl };
    const vc = await issueCredential(deps, {
      tenant: ctx.acme.tenant,
      credential: { '@context': [CONTEXT_URLS.credentialsV2], type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:1', name: 'Ada' } },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    expect(taken).toHaveLength(2);
    expect(taken[1]).not.toBe(taken[0]);
    const row = ctx.database.db.select().from(issuedCredentials).where(eq(issuedCredentials.credentialId, vc.id as string)).get();
    expect(String(row?.statusIndex)).toBe(taken[1]);
  });
});
