import type { Db } from '../db/client.js';
import type { TenantBranding } from '../db/schema.js';
import { findTenantById, updateTenantSettings, type Tenant } from '../db/tenants-repository.js';
import { issuerProfileUrl } from '../credentials/issuer-profile.js';
import { tenantIssuerIds, type IssuerIdentifierKind, type TenantIssuerIds } from '../vc-api/issuer-identifiers.js';
import type { LogoImage } from './logo-image.js';

/** Validated changes to a tenant's settings: a field left out stays, `null` clears it. */
export interface TenantSettingsChanges {
  displayName?: string | null;
  primaryColor?: string | null;
  accentColor?: string | null;
  linkedinOrganizationId?: string | null;
  websiteUrl?: string | null;
  logo?: LogoImage | null;
  usagePublic?: boolean;
  issuerIdentifier?: IssuerIdentifierKind;
  storeIssuedSubjects?: boolean;
}

/** A tenant's settings as `GET /v1/tenant` shows them. */
export interface TenantSettings {
  slug: string;
  name: string;
  displayName: string | null;
  primaryColor: string | null;
  accentColor: string | null;
  linkedinOrganizationId: string | null;
  websiteUrl: string | null;
  logo: { url: string; mediaType: string; bytes: number } | null;
  usagePublic: boolean;
  issuerProfile: string;
  /** Which of `issuerIds` new credentials carry as issuer. */
  issuerIdentifier: IssuerIdentifierKind;
  /** Both identifiers of the active signing key. */
  issuerIds: TenantIssuerIds;
  storeIssuedSubjects: boolean;
}

/** Where a tenant's uploaded logo is served (public, so issuer profiles and pages can use it). */
export function issuerLogoUrl(publicUrl: string, slug: string): string {
  return `${issuerProfileUrl(publicUrl, slug)}/logo`;
}

/** Shapes a tenant's settings for the API. */
export function presentTenantSettings(deps: { db: Db; publicUrl: string }, tenant: Tenant): TenantSettings {
  const { publicUrl } = deps;
  const b = tenant.branding;
  return {
    slug: tenant.slug,
    name: tenant.name,
    displayName: b.displayName ?? null,
    primaryColor: b.primaryColor ?? null,
    accentColor: b.accentColor ?? null,
    linkedinOrganizationId: b.linkedinOrganizationId ?? null,
    websiteUrl: b.websiteUrl ?? null,
    logo: tenant.logo && b.logoUrl ? { url: b.logoUrl, mediaType: tenant.logoType ?? 'image/png', bytes: tenant.logo.length } : null,
    usagePublic: tenant.usagePublic,
    issuerProfile: issuerProfileUrl(publicUrl, tenant.slug),
    issuerIdentifier: tenant.issuerIdentifier,
    issuerIds: tenantIssuerIds(deps.db, publicUrl, tenant),
    storeIssuedSubjects: tenant.storeIssuedSubjects,
  };
}

const BRANDING_FIELDS = ['displayName', 'primaryColor', 'accentColor', 'linkedinOrganizationId', 'websiteUrl'] as const;

/**
 * Applies settings changes to one tenant (only ever the caller's own) and returns the tenant
 * as stored. `issuerIdentifier` chooses the issuer of credentials issued from now on. A new logo also becomes the issuer profile's image, so credentials issued from
 * now on carry it; removing the logo removes that link.
 */
export function changeTenantSettings(deps: { db: Db; publicUrl: string }, tenant: Tenant, changes: TenantSettingsChanges): Tenant {
  const branding: TenantBranding = { ...tenant.branding };
  for (const field of BRANDING_FIELDS) {
    const value = changes[field];
    if (value === null) delete branding[field];
    else if (value !== undefined) branding[field] = value;
  }
  const update: Parameters<typeof updateTenantSettings>[2] = { branding };
  if (changes.usagePublic !== undefined) update.usagePublic = changes.usagePublic;
  if (changes.issuerIdentifier !== undefined) update.issuerIdentifier = changes.issuerIdentifier;
  if (changes.storeIssuedSubjects !== undefined) update.storeIssuedSubjects = changes.storeIssuedSubjects;
  if (changes.logo === null) {
    update.logo = null;
    update.logoType = null;
    delete branding.logoUrl;
  } else if (changes.logo) {
    update.logo = changes.logo.bytes;
    update.logoType = changes.logo.mediaType;
    branding.logoUrl = issuerLogoUrl(deps.publicUrl, tenant.slug);
  }
  updateTenantSettings(deps.db, tenant.id, update);
  return findTenantById(deps.db, tenant.id)!;
}
