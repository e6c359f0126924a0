/**
 * The two identifiers of a tenant's signing key: its `did:web` (resolved from this instance's
 * database) and the `did:key` of the same Ed25519 key as a Multikey (resolved offline by anyone).
 */
import type { Db } from '../db/client.js';
import { findActiveSigningKey, listSigningKeys, type SigningKeyRecord } from '../db/signing-keys-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { didWebForIssuer } from '../credentials/issuer-keys.js';

/** Which identifier a tenant's new credentials carry as `issuer`. */
export type IssuerIdentifierKind = Tenant['issuerIdentifier'];

/** Both DIDs of a tenant's active signing key. */
export interface TenantIssuerIds {
  didWeb: string;
  didKey: string;
}

/** The `did:key` of an Ed25519 public key in Multikey form (`z6Mk…`). */
export function didKeyOf(publicKeyMultibase: string): string {
  return `did:key:${publicKeyMultibase}`;
}

/** The verification method of a `did:key`: `did:key:z6Mk…#z6Mk…` (the DID's only key). */
export function didKeyVerificationMethod(publicKeyMultibase: string): string {
  return `${didKeyOf(publicKeyMultibase)}#${publicKeyMultibase}`;
}

/**
 * The tenant's `did:web` and the `did:key` of its active signing key (a rotation yields a new
 * `did:key`; credentials signed with an older one keep verifying, did:key resolves offline).
 * Pass the active `key` when the same key will sign, so both come from one read.
 * @throws TypeError when the tenant has no active key (every tenant gets one at creation).
 */
export function tenantIssuerIds(
  db: Db,
  publicUrl: string,
  tenant: Pick<Tenant, 'id' | 'slug'>,
  key: SigningKeyRecord | undefined = findActiveSigningKey(db, tenant.id),
): TenantIssuerIds {
  if (!key) throw new TypeError(`tenant ${tenant.id} has no active signing key`);
  return { didWeb: didWebForIssuer(publicUrl, tenant.slug), didKey: didKeyOf(key.publicKeyMultibase) };
}

/** The `did:key` of every key the tenant ever signed with, newest first. */
export function tenantDidKeys(db: Db, tenantId: string): string[] {
  return listSigningKeys(db, tenantId).map((key) => didKeyOf(key.publicKeyMultibase));
}
