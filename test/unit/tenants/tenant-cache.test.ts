import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { brandingFingerprint } from '../../../src/tenants/branding-fingerprint.js';
import { updateTenantSettings } from '../../../src/db/tenants-repository.js';
import { cachedTenant, cachedTenantWithFingerprint } from '../../../src/tenants/tenant-cache.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

describe('tenant cache', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('serves the same row until a tenant is written, then the new one at once', () => {
    const db = ctx.database.db;
    const first = cachedTenant(db, ctx.acme.tenant.id)!;
    expect(cachedTenant(db, ctx.acme.tenant.id)).toBe(first);
    updateTenantSettings(db, ctx.acme.tenant.id, { usagePublic: false, branding: { displayName: 'Acme Academy' } });
    const changed = cachedTenantWithFingerprint(db, ctx.acme.tenant.id)!;
    expect(changed.tenant).not.toBe(first);
    expect(changed.tenant).toMatchObject({ usagePublic: false, branding: { displayName: 'Acme Academy' } });
    expect(changed.fingerprint).toBe(brandingFingerprint(changed.tenant));
    expect(changed.fingerprint).not.toBe(brandingFingerprint(first));
  });

  it('knows no tenant that does not exist', () => {
    expect(cachedTenant(ctx.database.db, 'no-such-tenant')).toBeUndefined();
  });
});
