import { and, asc, eq, gte, isNotNull, isNull, lte } from 'drizzle-orm';
import { toDateTimeStamp } from '../credentials/date-time.js';
import type { Db } from './client.js';
import { certificates, credentialVersions } from './schema.js';
import type { CertificateRecord } from './certificates-repository.js';
import { inWriteTransaction } from './write-transaction.js';

/** An archived (superseded) credential version. */
export type CredentialVersionRecord = typeof credentialVersions.$inferSelect;

/** Earlier versions of a certificate's credential, oldest first. */
export function listCredentialVersions(db: Db, number: string): CredentialVersionRecord[] {
  return db.select().from(credentialVersions).where(eq(credentialVersions.number, number)).orderBy(asc(credentialVersions.version)).all();
}

/** One archived version of a certificate's credential. */
export function findCredentialVersion(db: Db, number: string, version: number): CredentialVersionRecord | undefined {
  return db
    .select()
    .from(credentialVersions)
    .where(and(eq(credentialVersions.number, number), eq(credentialVersions.version, version)))
    .get();
}

/**
 * Archives the current credential of a certificate and replaces it with a renewed version, only
 * if the certificate is still at `expectedVersion` (a concurrent renewal makes this a no-op).
 * Returns true when this call renewed it.
 */
export function replaceWithRenewedVersion(
  db: Db,
  options: {
    current: CertificateRecord;
    renewed: { credentialJson: string; credentialJwt: string; validUntil: string; signingKeyId: string };
    at: string;
  },
): boolean {
  const { current, renewed, at } = options;
  return inWriteTransaction(db, (tx) => {
    const result = tx
      .update(certificates)
      .set({ ...renewed, version: current.version + 1 })
      .where(and(eq(certificates.number, current.number), eq(certificates.version, current.version), isNull(certificates.revokedAt)))
      .run();
    if (result.changes === 0) return false;
    const previous = JSON.parse(current.credentialJson) as { validFrom: string };
    tx.insert(credentialVersions)
      .values({
        number: current.number,
        version: current.version,
        credentialJson: current.credentialJson,
        credentialJwt: current.credentialJwt,
        validFrom: previous.validFrom,
        validUntil: current.validUntil,
        supersededAt: at,
      })
      .run();
    return true;
  });
}

/**
 * Unrevoked certificates of all tenants whose validity ends within `[from, to]` (both
 * inclusive), earliest end first: the renewal candidates of one run.
 *
 * Bounded on both sides so that a run reads only the credentials near their end, never every
 * credential that expired in the past: the range on `valid_until` is answered from the partial
 * index `certificates_valid_until_idx` (a comparison implies its `valid_until IS NOT NULL`), in
 * index order. `valid_until` is compared as text, so the bounds are written in its stored form.
 */
export function certificatesDueForRenewal(db: Db, range: { from: Date; to: Date }): CertificateRecord[] {
  return db
    .select()
    .from(certificates)
    .where(
      and(
        isNotNull(certificates.validUntil),
        gte(certificates.validUntil, toDateTimeStamp(range.from, 'from')),
        lte(certificates.validUntil, toDateTimeStamp(range.to, 'to')),
        isNull(certificates.revokedAt),
      ),
    )
    .orderBy(asc(certificates.validUntil))
    .all();
}
