import type { Db } from '../db/client.js';
import type { CredentialSigner } from '../credentials/credential-signer.js';
import { decodeStatusList, getStatusBit } from '../credentials/status-list.js';
import type { StatusChecker } from '../credentials/verification-checks.js';
import { statusListRevision } from '../db/status-lists-repository.js';
import { currentStatusList } from '../issuance/publish-status-list.js';
import { cachedTenantBySlug } from '../tenants/tenant-cache.js';
import { BoundedCache } from './bounded-cache.js';

/** Dependencies for reading this instance's status lists. */
export interface StatusCheckDeps {
  db: Db;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
}

/**
 * Returns a function that reads a `BitstringStatusListEntry`'s bit from this instance's signed
 * status lists (as currently published, so a revocation shows at once). Lists served by other
 * hosts are not fetched: the lookup throws, which verification reports as a failed status check.
 */
export function createLocalStatusCheck(deps: StatusCheckDeps): StatusChecker {
  const decoded = new BoundedCache<{ revision: number; bits: Uint8Array }>(1000);
  const prefix = `${deps.publicUrl}/status/`;
  return async (entry) => {
    const url = String(entry.statusListCredential ?? '');
    const index = Number(entry.statusListIndex);
    // `…/SLUG/LIST`, or `…/SLUG/LIST/z6Mk…` (the same bits signed as a did:key).
    const match = url.startsWith(prefix) ? /^([a-z0-9-]+)\/(\d+)(?:\/z6Mk[1-9A-HJ-NP-Za-km-z]+)?$/.exec(url.slice(prefix.length)) : null;
    if (!match || !Number.isInteger(index) || index < 0) throw new Error('status list not resolvable offline');
    const tenant = cachedTenantBySlug(deps.db, match[1]!);
    const listId = match[2]!;
    const current = tenant && statusListRevision(deps.db, tenant.id, listId);
    if (!tenant || !current) throw new Error('status list not found');
    // The decoded list is reused until the list is re-signed (every revocation re-signs it).
    let cached = current.signed ? decoded.get(url) : undefined;
    if (!cached || cached.revision !== current.revision) {
      const json = await currentStatusList(deps, { tenant, listId });
      if (!json) throw new Error('status list not found');
      const list = JSON.parse(json) as { credentialSubject: { encodedList: string } };
      // Read before the JSON when it was already signed, so a concurrent re-signing is never missed.
      const revision = current.signed ? current.revision : statusListRevision(deps.db, tenant.id, listId)!.revision;
      cached = { revision, bits: decodeStatusList(list.credentialSubject.encodedList) };
      decoded.set(url, cached);
    }
    if (index >= cached.bits.length * 8) throw new Error('status index out of range');
    return { revoked: getStatusBit(cached.bits, index) };
  };
}
