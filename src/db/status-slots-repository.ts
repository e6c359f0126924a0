/**
 * Status-list slots are shared by certificates and VC-API credentials: these queries look at
 * both tables at once, so callers never have to remember the second one.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { certificates, issuedCredentials } from './schema.js';

/** A position in one of a tenant's status lists. */
export interface StatusSlotKey {
  tenantId: string;
  statusListId: string;
  statusIndex: number;
}

/** Whether a certificate or a VC-API credential of the tenant already uses this slot (one query). */
export function isStatusSlotTaken(db: Db, key: StatusSlotKey): boolean {
  const statement = prepared(db, 'statusSlotTaken', (d) =>
    d
      .select({ taken: sql<number>`1` })
      .from(certificates)
      .where(
        sql`${certificates.tenantId} = ${sql.placeholder('tenantId')} AND ${certificates.statusListId} = ${sql.placeholder('statusListId')} AND ${certificates.statusIndex} = ${sql.placeholder('statusIndex')}`,
      )
      .unionAll(
        d
          .select({ taken: sql<number>`1` })
          .from(issuedCredentials)
          .where(
            sql`${issuedCredentials.tenantId} = ${sql.placeholder('tenantId')} AND ${issuedCredentials.statusListId} = ${sql.placeholder('statusListId')} AND ${issuedCredentials.statusIndex} = ${sql.placeholder('statusIndex')}`,
          ),
      )
      .limit(1)
      .prepare(),
  );
  return statement.get({ ...key }) !== undefined;
}

/** Status indexes used in one of the tenant's lists by certificates and VC-API credentials (only revoked ones, if asked). */
function statusIndexes(db: Db, tenantId: string, statusListId: string, revokedOnly: boolean): number[] {
  const revoked = (column: typeof certificates.revokedAt | typeof issuedCredentials.revokedAt) =>
    revokedOnly ? sql` AND ${column} IS NOT NULL` : sql``;
  return db
    .select({ index: certificates.statusIndex })
    .from(certificates)
    .where(sql`${certificates.tenantId} = ${tenantId} AND ${certificates.statusListId} = ${statusListId}${revoked(certificates.revokedAt)}`)
    .unionAll(
      db
        .select({ index: sql<number>`${issuedCredentials.statusIndex}` })
        .from(issuedCredentials)
        .where(sql`${issuedCredentials.tenantId} = ${tenantId} AND ${issuedCredentials.statusListId} = ${statusListId}${revoked(issuedCredentials.revokedAt)}`),
    )
    .all()
    .map((row) => row.index);
}

/** Every status index a certificate or a VC-API credential of the tenant uses in one list. */
export function takenStatusIndexes(db: Db, tenantId: string, statusListId: string): number[] {
  return statusIndexes(db, tenantId, statusListId, false);
}

/** Status indexes of the revoked certificates and VC-API credentials in one of the tenant's lists. */
export function revokedStatusIndexes(db: Db, tenantId: string, statusListId: string): number[] {
  return statusIndexes(db, tenantId, statusListId, true);
}
