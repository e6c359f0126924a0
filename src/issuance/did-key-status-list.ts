/**
 * Status lists for credentials issued as a tenant's `did:key`: the same bits as the tenant's
 * published list (signed as its did:web), re-signed as the did:key of one of the tenant's keys,
 * so verifiers that require a list from the credential's own issuer accept it.
 */
import type { Db } from '../db/client.js';
import { listSigningKeys } from '../db/signing-keys-repository.js';
import { statusListRevision } from '../db/status-lists-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { decryptSecret } from '../credentials/secret-box.js';
import { buildStatusListCredential } from '../credentials/status-list.js';
import { BoundedCache } from '../verification/bounded-cache.js';
import { didKeyOf, didKeyVerificationMethod } from '../vc-api/issuer-identifiers.js';
import { currentStatusList, statusListUrl, type StatusListDeps } from './publish-status-list.js';

/** Signed copies per database, by tenant, list and key, with the list revision they reflect. */
const copies = new WeakMap<Db, BoundedCache<{ revision: number; json: string }>>();

/**
 * The tenant's status list `listId` signed as `did:key:<publicKeyMultibase>`, or undefined when
 * the list does not exist or the key was never one of the tenant's (old keys keep signing the
 * lists of the credentials they issued). Re-signed only when the list itself changed.
 */
export async function didKeyStatusList(
  deps: StatusListDeps,
  options: { tenant: Tenant; listId: string; publicKeyMultibase: string },
): Promise<string | undefined> {
  const { tenant, listId, publicKeyMultibase } = options;
  const key = listSigningKeys(deps.db, tenant.id).find((k) => k.publicKeyMultibase === publicKeyMultibase);
  // The revision is read before the list: a list published in between is only re-signed once more.
  const revision = key && statusListRevision(deps.db, tenant.id, listId)?.revision;
  const published = revision !== undefined && (await currentStatusList(deps, { tenant, listId }));
  if (!key || revision === undefined || !published) return undefined;
  let cache = copies.get(deps.db);
  if (!cache) copies.set(deps.db, (cache = new BoundedCache(256)));
  const cacheKey = `${tenant.id}/${listId}/${publicKeyMultibase}`;
  const cached = cache.get(cacheKey);
  if (cached && cached.revision === revision) return cached.json;
  const list = JSON.parse(published) as { validFrom: string; credentialSubject: { encodedList: string } };
  const issuerId = didKeyOf(publicKeyMultibase);
  const unsigned = buildStatusListCredential({
    id: statusListUrl(deps.publicUrl, tenant.slug, listId, issuerId),
    issuerId,
    validFrom: list.validFrom,
    encodedList: list.credentialSubject.encodedList,
    statusPurpose: 'revocation',
  });
  const signingKey = {
    verificationMethod: didKeyVerificationMethod(publicKeyMultibase),
    publicKeyMultibase,
    secretKeyMultibase: decryptSecret(deps.masterKey, key.secretKeyEnc),
  };
  const json = JSON.stringify(await deps.signer.signCredential({ credential: unsigned, key: signingKey, created: new Date(list.validFrom) }));
  cache.set(cacheKey, { revision, json });
  return json;
}
