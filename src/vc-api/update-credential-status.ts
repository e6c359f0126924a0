import { findIssuedCredentials, markIssuedCredentialRevoked } from '../db/issued-credentials-repository.js';
import { findStatusList } from '../db/status-lists-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { AppError, notFound } from '../errors.js';
import { publishStatusList, type StatusListDeps } from '../issuance/publish-status-list.js';

/** The outcome of a status update, as `POST /credentials/status` reports it. */
export interface CredentialStatusUpdate {
  credentialId: string;
  status: 'revoked';
  revokedAt: string;
}

/**
 * Revokes a credential the tenant issued through the VC-API (idempotent: the first revocation
 * date stays) and re-publishes its status list so verifiers see it at once (also on a replay).
 * @throws AppError 404 `credential_not_found` for an id this tenant never issued; 422
 *   `credential_without_status` when it was issued without a status entry.
 */
export async function revokeIssuedCredential(deps: StatusListDeps, options: { tenant: Tenant; credentialId: string }): Promise<CredentialStatusUpdate> {
  const { tenant, credentialId } = options;
  const entries = findIssuedCredentials(deps.db, tenant.id, credentialId).filter((entry) => entry.statusListId !== null);
  if (entries.length === 0) {
    if (findIssuedCredentials(deps.db, tenant.id, credentialId).length === 0) throw notFound('credential_not_found', 'No credential with this id was issued by you.');
    throw new AppError('credential_without_status', 422, 'This credential was issued without a status entry; it cannot be revoked.', { field: 'credentialId' });
  }
  const at = deps.now().toISOString();
  const lists = new Set<string>();
  for (const entry of entries) {
    markIssuedCredentialRevoked(deps.db, { tenantId: tenant.id, id: entry.id, at });
    lists.add(entry.statusListId!);
  }
  // Published even when already revoked: a replay repairs a list whose earlier publish failed.
  for (const listId of lists) {
    const list = findStatusList(deps.db, tenant.id, listId);
    if (list) await publishStatusList(deps, { tenant, list });
  }
  const revokedAt = findIssuedCredentials(deps.db, tenant.id, credentialId).find((entry) => entry.revokedAt)?.revokedAt ?? at;
  return { credentialId, status: 'revoked', revokedAt };
}
