/**
 * A short-lived cache of tenant rows for the hot request paths (API-key auth, verify page, PDF and
 * badge downloads). A tenant row carries its logo (up to 256 KB) and the render caches key on a
 * hash of it, so reading and hashing it on every request cost more than the rest of a cached
 * download. Entries live one second; a change written by this process is seen at once (every
 * tenant write bumps {@link tenantWriteCount}), one made by another process within a second.
 */
import type { Db } from '../db/client.js';
import { findTenantById, findTenantBySlug, tenantWriteCount, type Tenant } from '../db/tenants-repository.js';
import { BoundedCache } from '../verification/bounded-cache.js';
import { brandingFingerprint } from './branding-fingerprint.js';

const TTL_MS = 1000;

interface Entry {
  tenant: Tenant;
  expires: number;
  /** {@link tenantWriteCount} when the row was read. */
  writes: number;
  fingerprint?: string;
}

const caches = new WeakMap<Db, BoundedCache<Entry>>();
/** Tenant id by slug: the id a slug names never changes (a stale id is re-checked against the row). */
const idsBySlug = new WeakMap<Db, BoundedCache<string>>();

function entryFor(db: Db, tenantId: string): Entry | undefined {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new BoundedCache(1000)));
  const now = Date.now();
  const cached = cache.get(tenantId);
  const writes = tenantWriteCount();
  if (cached && cached.expires > now && cached.writes === writes) return cached;
  const tenant = findTenantById(db, tenantId);
  if (!tenant) return undefined;
  const entry = { tenant, expires: now + TTL_MS, writes };
  cache.set(tenantId, entry);
  return entry;
}

/** The tenant with this id (at most one second old), or undefined. */
export function cachedTenant(db: Db, tenantId: string): Tenant | undefined {
  return entryFor(db, tenantId)?.tenant;
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
  const entry = entryFor(db, tenantId);
  if (!entry) return undefined;
  entry.fingerprint ??= brandingFingerprint(entry.tenant);
  return { tenant: entry.tenant, fingerprint: entry.fingerprint };
}
