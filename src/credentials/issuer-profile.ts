import type { Tenant } from '../db/tenants-repository.js';
import { didWebForIssuer } from './issuer-keys.js';

/** The OB 3.0 `Profile` of a tenant as issuer, identified by its did:web. */
export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
  image?: { id: string; type: 'Image' };
}

/** The public URL of a tenant's issuer profile page. */
export function issuerProfileUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/issuers/${slug}`;
}

/** Builds the issuer Profile embedded in the tenant's credentials and served at /issuers/:slug. */
export function buildIssuerProfile(publicUrl: string, tenant: Pick<Tenant, 'slug' | 'name' | 'branding'>): IssuerProfile {
  const profile: IssuerProfile = {
    id: didWebForIssuer(publicUrl, tenant.slug),
    type: ['Profile'],
    name: tenant.branding.displayName ?? tenant.name,
    url: tenant.branding.websiteUrl ?? issuerProfileUrl(publicUrl, tenant.slug),
  };
  if (tenant.branding.logoUrl) profile.image = { id: tenant.branding.logoUrl, type: 'Image' };
  return profile;
}

/** An OB 3.0 `IdentifierEntry` naming another identifier of the issuer. */
export interface IdentifierEntry {
  type: 'IdentifierEntry';
  identifier: string;
  identifierType: 'identifier';
}

/**
 * The issuer Profile as served at /issuers/:slug: identified by its did:web, with the `did:key`
 * of each of its keys (newest first) as `otherIdentifier`, since credentials may name either.
 */
export function withOtherIdentifiers(profile: IssuerProfile, didKeys: string[]): IssuerProfile & { otherIdentifier: IdentifierEntry[] } {
  return { ...profile, otherIdentifier: didKeys.map((identifier) => ({ type: 'IdentifierEntry', identifier, identifierType: 'identifier' })) };
}
