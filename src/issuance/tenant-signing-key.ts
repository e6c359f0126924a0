import type { Db } from '../db/client.js';
import { findRecentActiveSigningKey, type SigningKeyRecord } from '../db/signing-keys-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { didWebForIssuer } from '../credentials/issuer-keys.js';
import { decryptSecretRemembered } from '../credentials/secret-box.js';
import { didKeyOf, didKeyVerificationMethod, type IssuerIdentifierKind } from '../vc-api/issuer-identifiers.js';

/** Decrypted key material of a tenant's active signing key, ready for a signer. */
export interface ActiveSigningKey {
  keyId: string;
  /** The DID URL of the key (`did:web:...#key-1`), used as verification method and JWT `kid`. */
  verificationMethod: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/**
 * Loads and decrypts the tenant's active signing key (every tenant has one from creation), at most
 * a second old (a rotation by the admin CLI reaches a running server within a second), or
 * `options.record` when the caller already read it.
 */
export function loadActiveSigningKey(
  db: Db,
  options: { tenantId: string; issuerDid: string; masterKey: Buffer; record?: SigningKeyRecord },
): ActiveSigningKey {
  const record = options.record ?? findRecentActiveSigningKey(db, options.tenantId);
  if (!record) throw new TypeError(`tenant ${options.tenantId} has no active signing key`);
  return {
    keyId: record.keyId,
    verificationMethod: `${options.issuerDid}#${record.keyId}`,
    publicKeyMultibase: record.publicKeyMultibase,
    secretKeyMultibase: decryptSecretRemembered(options.masterKey, record.secretKeyEnc),
  };
}

/**
 * The identifier new credentials carry as `issuer` and the key that signs them: per the tenant's
 * `issuerIdentifier` setting (or `as`), its `did:web` with `did:web:…#key-N`, or the `did:key` of
 * the active key with `did:key:z6Mk…#z6Mk…`.
 */
export function loadIssuingKey(
  db: Db,
  options: {
    tenant: Pick<Tenant, 'id' | 'slug' | 'issuerIdentifier'>;
    publicUrl: string;
    masterKey: Buffer;
    as?: IssuerIdentifierKind;
    /** The active key's row, when the caller already read it. */
    record?: SigningKeyRecord;
  },
): { issuerId: string; key: ActiveSigningKey } {
  const { tenant } = options;
  const didWeb = didWebForIssuer(options.publicUrl, tenant.slug);
  const key = loadActiveSigningKey(db, { tenantId: tenant.id, issuerDid: didWeb, masterKey: options.masterKey, record: options.record });
  if ((options.as ?? tenant.issuerIdentifier) === 'did:web') return { issuerId: didWeb, key };
  return {
    issuerId: didKeyOf(key.publicKeyMultibase),
    key: { ...key, verificationMethod: didKeyVerificationMethod(key.publicKeyMultibase) },
  };
}
