import { and, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { issuedCredentials } from './schema.js';

/** One entry of a tenant's VC-API issuance log. */
export type IssuedCredentialRecord = typeof issuedCredentials.$inferSelect;

/**
 * Records an issuance. The unique (tenant, status list, index) index refuses a status slot that
 * another issuance claimed first (the caller retries with a fresh slot).
 */
export function insertIssuedCredential(db: Db, record: IssuedCredentialRecord): void {
  prepared(db, 'insertIssuedCredential', (d) =>
    d
      .insert(issuedCredentials)
      .values(
        // Every column bound to the record's property of the same name.
        Object.fromEntries(Object.keys(getTableColumns(issuedCredentials)).map((name) => [name, sql.placeholder(name)])) as unknown as IssuedCredentialRecord,
      )
      .prepare(),
  ).run(record);
}

/** The tenant's issuance-log entries for a credential id (normally one), oldest first. */
export function findIssuedCredentials(db: Db, tenantId: string, credentialId: string): IssuedCredentialRecord[] {
  return prepared(db, 'issuedCredentialsById', (d) =>
    d
      .select()
      .from(issuedCredentials)
      .where(and(eq(issuedCredentials.tenantId, sql.placeholder('tenantId')), eq(issuedCredentials.credentialId, sql.placeholder('credentialId'))))
      .orderBy(issuedCredentials.issuedAt)
      .prepare(),
  ).all({ tenantId, credentialId });
}

/** Marks one log entry revoked unless it already is; returns true when this call revoked it. */
export function markIssuedCredentialRevoked(db: Db, options: { tenantId: string; id: string; at: string }): boolean {
  const result = db
    .update(issuedCredentials)
    .set({ revokedAt: options.at })
    .where(and(eq(issuedCredentials.tenantId, options.tenantId), eq(issuedCredentials.id, options.id), isNull(issuedCredentials.revokedAt)))
    .run();
  return result.changes > 0;
}

