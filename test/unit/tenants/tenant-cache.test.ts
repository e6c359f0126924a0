import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { brandingFingerprint } from '../../../src/tenants/branding-fingerprint.js';
import { updateTenantSettings } from '../../../src/db/tenants-repository.js';
import { cachedTenant, cachedTenantBySlug, cachedTenantWithFingerprint } from '../../../src/tenants/tenant-cache.js';
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

  it('finds tenants by slug through the same cache, each tenant by its own slug', () => {
    const db = ctx.database.db;
    const acme = cachedTenantBySlug(db, ctx.acme.tenant.slug)!;
    expect(acme.id).toBe(ctx.acme.tenant.id);
    expect(cachedTenantBySlug(db, ctx.acme.tenant.slug)).toBe(acme);
    expect(cachedTenantBySlug(db, ctx.globex.tenant.slug)!.id).toBe(ctx.globex.tenant.id);
    updateTenantSettings(db, ctx.acme.tenant.id, { branding: { displayName: 'Acme by slug' } });
    expect(cachedTenantBySlug(db, ctx.acme.tenant.slug)!.branding.displayName).toBe('Acme by slug');
  });

  it('knows no tenant that does not exist', () => {
    expect(cachedTenant(ctx.database.db, 'no-such-tenant')).toBeUndefined();
    expect(cachedTenantBySlug(ctx.database.db, 'no-such-slug')).toBeUndefined();
  });
});
