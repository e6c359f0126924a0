import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { insertApiKey } from '../db/api-keys-repository.js';
import { findTenantBySlug, insertTenant, type Tenant } from '../db/tenants-repository.js';
import { AppError } from '../errors.js';
import { encryptSecret } from '../credentials/secret-box.js';
import { mintApiKey } from '../security/api-key-token.js';
import { generateEncryptedSigningKey, storeNextSigningKey } from './signing-key-service.js';
import { inWriteTransaction } from '../db/write-transaction.js';

/** Tenant slugs appear in URLs and DIDs: lowercase letters, digits and inner hyphens. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Everything a new tenant needs to start, shown once: the secrets are not stored in clear. */
export interface ProvisionedTenant {
  tenant: Pick<Tenant, 'id' | 'slug' | 'name'>;
  apiKey: string;
  webhookSecret: string;
}

/**
 * Creates a tenant with an admin API key, a webhook secret (encrypted at rest) and its first
 * Ed25519 signing key. Runs in one transaction: a failure leaves nothing half-created.
 */
export async function provisionTenant(
  deps: { db: Db; masterKey: Buffer; now: () => Date },
  input: { slug: string; name: string },
): Promise<ProvisionedTenant> {
  if (!TENANT_SLUG_PATTERN.test(input.slug)) {
    throw new AppError('invalid_slug', 400, 'slug must be 1-40 lowercase letters, digits or hyphens', { field: 'slug' });
  }
  const name = input.name.trim();
  if (!name) throw new AppError('invalid_name', 400, 'name must not be empty', { field: 'name' });
  if (findTenantBySlug(deps.db, input.slug)) {
    throw new AppError('tenant_exists', 409, `a tenant with slug "${input.slug}" already exists`, { field: 'slug' });
  }
  const createdAt = deps.now().toISOString();
  const tenant = { id: randomUUID(), slug: input.slug, name };
  const webhookSecret = `whsec_${randomBytes(32).toString('base64url')}`;
  const key = mintApiKey('live');
  const signingKey = await generateEncryptedSigningKey(deps.masterKey);
  inWriteTransaction(deps.db, (tx) => {
    insertTenant(tx, {
      ...tenant,
      webhookSecretEnc: encryptSecret(deps.masterKey, webhookSecret),
      createdAt,
    });
    insertApiKey(tx, {
      id: randomUUID(),
      tenantId: tenant.id,
      prefix: key.prefix,
      secretHash: key.secretHash,
      name: 'admin',
      scope: 'admin',
      createdAt,
    });
    storeNextSigningKey(tx, { tenantId: tenant.id, key: signingKey, createdAt });
  });
  return { tenant, apiKey: key.token, webhookSecret };
}
