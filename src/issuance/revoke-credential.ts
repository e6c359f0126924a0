import { findTenantCertificate, markCertificateRevoked, type CertificateRecord } from '../db/certificates-repository.js';
import { findStatusList } from '../db/status-lists-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { notFound } from '../errors.js';
import { publishStatusList, type StatusListDeps } from './publish-status-list.js';

/**
 * Revokes one of the tenant's certificates (idempotent: revoking again keeps the first reason and
 * date) and republishes its signed status list so verifiers see it at once. A replay publishes
 * again, so a revocation whose publish failed is repaired by retrying it.
 */
export async function revokeCredential(
  deps: StatusListDeps,
  options: { tenant: Tenant; number: string; reason: string },
): Promise<CertificateRecord> {
  const { tenant, number } = options;
  const certificate = findTenantCertificate(deps.db, tenant.id, number);
  if (!certificate) throw notFound('certificate_not_found', 'No certificate with this number.');
  markCertificateRevoked(deps.db, {
    tenantId: tenant.id,
    number,
    at: deps.now().toISOString(),
    reason: options.reason,
  });
  const list = findStatusList(deps.db, tenant.id, certificate.statusListId);
  if (list) await publishStatusList(deps, { tenant, list });
  return findTenantCertificate(deps.db, tenant.id, number)!;
}
