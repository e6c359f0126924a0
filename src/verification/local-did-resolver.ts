import type { Db } from '../db/client.js';
import { listSigningKeys } from '../db/signing-keys-repository.js';
import { findTenantBySlug } from '../db/tenants-repository.js';
import { buildIssuerDidDocument, didWebForIssuer, type IssuerDidDocument } from '../credentials/issuer-keys.js';
import { didKeyOf } from '../vc-api/issuer-identifiers.js';

/**
 * The did:web document of a tenant of this instance, with every key it ever signed with, and
 * the `did:key` of each of those keys as `alsoKnownAs` (credentials may name either DID).
 */
export function issuerDidDocument(db: Db, options: { publicUrl: string; slug: string }): (IssuerDidDocument & { alsoKnownAs: string[] }) | null {
  const tenant = findTenantBySlug(db, options.slug);
  if (!tenant) return null;
  const keys = listSigningKeys(db, tenant.id);
  const document = buildIssuerDidDocument({
    did: didWebForIssuer(options.publicUrl, tenant.slug),
    keys: keys.map((k) => ({ keyId: k.keyId, publicKeyMultibase: k.publicKeyMultibase })),
  });
  return { ...document, alsoKnownAs: keys.map((k) => didKeyOf(k.publicKeyMultibase)) };
}

/**
 * Resolves the did:web identifiers of this instance's issuers from the database, so their
 * credentials verify offline. Any other did:web is unresolvable here (returns null).
 */
export function createLocalDidResolver(db: Db, publicUrl: string): (did: string) => IssuerDidDocument | null {
  const prefix = didWebForIssuer(publicUrl, 'x').slice(0, -1);
  return (did) => {
    if (!did.startsWith(prefix)) return null;
    const slug = did.slice(prefix.length);
    if (!/^[a-z0-9-]+$/.test(slug)) return null;
    return issuerDidDocument(db, { publicUrl, slug });
  };
}
