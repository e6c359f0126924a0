import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { insertApiKey } from '../db/api-keys-repository.js';
import { insertUsageSource, type UsageSource } from '../db/usage-sources-repository.js';
import { AppError } from '../errors.js';
import { mintApiKey } from '../security/api-key-token.js';
import { inWriteTransaction } from '../db/write-transaction.js';

/**
 * Registers a source of usage telemetry with its own API key, which may only write usage
 * statements. The key is returned once; only its hash is stored.
 */
export function createUsageSource(
  deps: { db: Db; now: () => Date },
  options: { tenantId: string; name: string },
): { source: Pick<UsageSource, 'id' | 'name' | 'createdAt'>; apiKey: string } {
  const name = options.name.trim();
  if (!name || name.length > 200) throw new AppError('invalid_name', 400, 'name must be 1-200 characters', { field: 'name' });
  const createdAt = deps.now().toISOString();
  const source = { id: randomUUID(), tenantId: options.tenantId, name, createdAt };
  const key = mintApiKey('usage');
  inWriteTransaction(deps.db, (tx) => {
    insertUsageSource(tx, source);
    insertApiKey(tx, {
      id: randomUUID(),
      tenantId: options.tenantId,
      prefix: key.prefix,
      secretHash: key.secretHash,
      name: `usage source: ${name}`,
      scope: 'usage',
      usageSourceId: source.id,
      createdAt,
    });
  });
  return { source: { id: source.id, name, createdAt }, apiKey: key.token };
}
