import type { Db } from '../db/client.js';
import { revokedStatusIndexes } from '../db/certificates-repository.js';
import { revokedIssuedStatusIndexes } from '../db/issued-credentials-repository.js';
import { findStatusList, saveStatusListCredential, type StatusListRecord } from '../db/status-lists-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import type { CredentialSigner } from '../credentials/credential-signer.js';
import { buildIssuerProfile } from '../credentials/issuer-profile.js';
import { buildStatusListCredential, createStatusList, encodeStatusList, setStatusBit } from '../credentials/status-list.js';
import { loadActiveSigningKey } from './tenant-signing-key.js';

/** Dependencies for signing status lists. */
export interface StatusListDeps {
  db: Db;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
}

/** The public URL of one of a tenant's status-list credentials. */
export function statusListUrl(publicUrl: string, slug: string, listId: string): string {
  return `${publicUrl}/status/${slug}/${listId}`;
}

/**
 * Rebuilds a tenant's status list from the revoked certificates and VC-API credentials, signs it as a
 * `BitstringStatusListCredential` with the tenant's active key, stores and returns it.
 */
export async function publishStatusList(deps: StatusListDeps, options: { tenant: Tenant; list: StatusListRecord }): Promise<string> {
  const { tenant, list } = options;
  const bits = createStatusList(list.size);
  for (const index of revokedStatusIndexes(deps.db, tenant.id, list.listId)) setStatusBit(bits, index, true);
  for (const index of revokedIssuedStatusIndexes(deps.db, tenant.id, list.listId)) setStatusBit(bits, index, true);
  // Always the did:web, whatever identifier the tenant's credentials carry: the list is served
  // from this instance, the did:web ties it to that host, and rotations never change its issuer.
  const issuer = buildIssuerProfile(deps.publicUrl, tenant);
  const now = deps.now();
  const unsigned = buildStatusListCredential({
    id: statusListUrl(deps.publicUrl, tenant.slug, list.listId),
    issuerId: issuer.id,
    validFrom: now.toISOString(),
    encodedList: encodeStatusList(bits),
    statusPurpose: 'revocation',
  });
  const key = loadActiveSigningKey(deps.db, { tenantId: tenant.id, issuerDid: issuer.id, masterKey: deps.masterKey });
  const signed = await deps.signer.signCredential({ credential: unsigned, key, created: now });
  const json = JSON.stringify(signed);
  saveStatusListCredential(deps.db, { tenantId: tenant.id, listId: list.listId, credentialJson: json, at: now.toISOString() });
  return json;
}

/** The signed status list as last published, signing it first if it never was. */
export async function currentStatusList(
  deps: StatusListDeps,
  options: { tenant: Tenant; listId: string },
): Promise<string | undefined> {
  const list = findStatusList(deps.db, options.tenant.id, options.listId);
  if (!list) return undefined;
  return list.credentialJson ?? publishStatusList(deps, { tenant: options.tenant, list });
}
