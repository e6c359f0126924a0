import type { Db } from '../db/client.js';
import { findActiveSigningKey } from '../db/signing-keys-repository.js';
import { decryptSecret } from '../credentials/secret-box.js';

/** Decrypted key material of a tenant's active signing key, ready for a signer. */
export interface ActiveSigningKey {
  keyId: string;
  /** The DID URL of the key (`did:web:...#key-1`), used as verification method and JWT `kid`. */
  verificationMethod: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** Loads and decrypts the tenant's active signing key (every tenant has one from creation). */
export function loadActiveSigningKey(
  db: Db,
  options: { tenantId: string; issuerDid: string; masterKey: Buffer },
): ActiveSigningKey {
  const record = findActiveSigningKey(db, options.tenantId);
  if (!record) throw new TypeError(`tenant ${options.tenantId} has no active signing key`);
  return {
    keyId: record.keyId,
    verificationMethod: `${options.issuerDid}#${record.keyId}`,
    publicKeyMultibase: record.publicKeyMultibase,
    secretKeyMultibase: decryptSecret(options.masterKey, record.secretKeyEnc),
  };
}
