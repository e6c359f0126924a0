import type { Db } from '../db/client.js';
import { insertSigningKey, listSigningKeys, retireSigningKeys } from '../db/signing-keys-repository.js';
import { findTenantBySlug } from '../db/tenants-repository.js';
import { AppError } from '../errors.js';
import { generateSigningKey } from '../credentials/issuer-keys.js';
import { encryptSecret } from '../credentials/secret-box.js';
import { inWriteTransaction } from '../db/write-transaction.js';

/** A generated key pair ready to store: the secret part already encrypted with the master key. */
export interface NewSigningKey {
  publicKeyMultibase: string;
  secretKeyEnc: string;
}

/** Generates an Ed25519 key pair and encrypts its secret part with the master key. */
export async function generateEncryptedSigningKey(masterKey: Buffer): Promise<NewSigningKey> {
  const pair = await generateSigningKey();
  return { publicKeyMultibase: pair.publicKeyMultibase, secretKeyEnc: encryptSecret(masterKey, pair.secretKeyMultibase) };
}

/** Stores a tenant's signing key under the next free id (`key-1`, `key-2`, ...); returns the id. */
export function storeNextSigningKey(db: Db, options: { tenantId: string; key: NewSigningKey; createdAt: string }): string {
  const keyId = `key-${listSigningKeys(db, options.tenantId).length + 1}`;
  insertSigningKey(db, { tenantId: options.tenantId, keyId, ...options.key, createdAt: options.createdAt });
  return keyId;
}

/**
 * Rotates a tenant's signing key: the current key is retired (it keeps verifying the
 * credentials it signed) and a new one signs from now on. Returns the new key id.
 */
export async function rotateSigningKey(
  deps: { db: Db; masterKey: Buffer; now: () => Date },
  tenantSlug: string,
): Promise<{ keyId: string; publicKeyMultibase: string }> {
  const tenant = findTenantBySlug(deps.db, tenantSlug);
  if (!tenant) throw new AppError('tenant_not_found', 404, `no tenant with slug "${tenantSlug}"`, { field: 'tenant' });
  const key = await generateEncryptedSigningKey(deps.masterKey);
  const at = deps.now().toISOString();
  const keyId = inWriteTransaction(deps.db, (tx) => {
    retireSigningKeys(tx, tenant.id, at);
    return storeNextSigningKey(tx, { tenantId: tenant.id, key, createdAt: at });
  });
  return { keyId, publicKeyMultibase: key.publicKeyMultibase };
}
