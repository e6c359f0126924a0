import type { Tenant } from '../db/tenants-repository.js';
import { sha256Hex } from '../security/hashes.js';

/**
 * A short hash of everything of a tenant that shows on rendered documents: name, branding
 * settings and the logo's bytes. Render caches (PDF, Open Graph image) key on it, so any
 * branding change renders afresh instead of serving the old look.
 */
export function brandingFingerprint(tenant: Pick<Tenant, 'name' | 'branding' | 'logo'>): string {
  const logo = tenant.logo ? sha256Hex(tenant.logo) : null;
  return sha256Hex(JSON.stringify([tenant.name, tenant.branding, logo])).slice(0, 16);
}
