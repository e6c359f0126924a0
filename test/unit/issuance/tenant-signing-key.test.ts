import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadActiveSigningKey } from '../../../src/issuance/tenant-signing-key.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

describe('tenant signing key', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const load = (masterKey: Buffer) => loadActiveSigningKey(ctx.database.db, { tenantId: ctx.acme.tenant.id, issuerDid: 'did:web:credence.test:issuers:acme', masterKey });

  it('decrypts the active key, and gives the same key again (remembered, not re-decrypted)', () => {
    const first = load(ctx.masterKey);
    expect(first.secretKeyMultibase).toMatch(/^z/);
    expect(first.verificationMethod).toBe(`did:web:credence.test:issuers:acme#${first.keyId}`);
    expect(load(ctx.masterKey)).toEqual(first);
  });

  it('never hands out a remembered key for another master key', () => {
    load(ctx.masterKey);
    expect(() => load(Buffer.alloc(32, 9))).toThrow();
    // Same bytes in another buffer: decrypted afresh, and correct.
    expect(load(Buffer.from(ctx.masterKey)).secretKeyMultibase).toBe(load(ctx.masterKey).secretKeyMultibase);
  });
});
