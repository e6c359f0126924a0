/**
 * Tenant rows for the hot request paths (API-key auth, verify page, PDF and badge downloads),
 * at most one second old (see {@link RecentRows}). A tenant row carries its logo (up to 256 KB)
 * and the render caches key on a hash of it, so reading and hashing it on every request cost
 * more than the rest of a cached download.
 */
import type { Db } from '../db/client.js';
import { findTenantBySlug, recentTenants, findTenantById, type Tenant } from '../db/tenants-repository.js';
import { BoundedCache } from '../verification/bounded-cache.js';
import { brandingFingerprint } from './branding-fingerprint.js';

/** Tenant id by slug: the id a slug names never changes (a stale id is re-checked against the row). */
const idsBySlug = new WeakMap<Db, BoundedCache<string>>();
/** Fingerprints by row object: a re-read row is a new object and gets a fresh fingerprint. */
const fingerprints = new WeakMap<Tenant, string>();

/** The tenant with this id (at most one second old), or undefined. */
export function cachedTenant(db: Db, tenantId: string): Tenant | undefined {
  return recentTenants.get(db, tenantId, () => findTenantById(db, tenantId));
}

/**
 * The tenant with this public slug (at most one second old), or undefined: for webhook
 * signatures, status-list checks on every verification, and DID resolution.
 */
export function cachedTenantBySlug(db: Db, slug: string): Tenant | undefined {
  let ids = idsBySlug.get(db);
  if (!ids) idsBySlug.set(db, (ids = new BoundedCache(1000)));
  const id = ids.get(slug);
  const known = id === undefined ? undefined : cachedTenant(db, id);
  if (known?.slug === slug) return known;
  const tenant = findTenantBySlug(db, slug);
  if (!tenant) return undefined;
  ids.set(slug, tenant.id);
  return cachedTenant(db, tenant.id);
}

/** The tenant with this id and its {@link brandingFingerprint}, computed once per cached row. */
export function cachedTenantWithFingerprint(db: Db, tenantId: string): { tenant: Tenant; fingerprint: string } | undefined {
  const tenant = cachedTenant(db, tenantId);
  if (!tenant) return undefined;
  let fingerprint = fingerprints.get(tenant);
  if (fingerprint === undefined) fingerprints.set(tenant, (fingerprint = brandingFingerprint(tenant)));
  return { tenant, fingerprint };
}
