import { and, asc, eq, getTableColumns, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { certificates } from './schema.js';

/** A certificate row, including its signed credential as issued. */
export type CertificateRecord = typeof certificates.$inferSelect;

/**
 * Inserts a certificate unless the tenant already certified this learner for this course.
 * The unique index decides, so concurrent identical requests produce exactly one row.
 * Returns true when this call created it.
 */
export function insertCertificateOnce(db: Db, record: CertificateRecord): boolean {
  const insert = prepared(db, 'insertCertificateOnce', (d) =>
    d
      .insert(certificates)
      .values(
        // Every column bound to the record's property of the same name.
        Object.fromEntries(Object.keys(getTableColumns(certificates)).map((name) => [name, sql.placeholder(name)])) as unknown as CertificateRecord,
      )
      .onConflictDoNothing({ target: [certificates.tenantId, certificates.courseId, certificates.learnerId] })
      .prepare(),
  );
  return insert.run(record).changes > 0;
}

/** The certificate a learner holds for a course of the tenant, if any. */
export function findCertificateForLearner(
  db: Db,
  key: { tenantId: string; courseId: string; learnerId: string },
): CertificateRecord | undefined {
  return prepared(db, 'certificateForLearner', (d) =>
    d
      .select()
      .from(certificates)
      .where(
        and(
          eq(certificates.tenantId, sql.placeholder('tenantId')),
          eq(certificates.courseId, sql.placeholder('courseId')),
          eq(certificates.learnerId, sql.placeholder('learnerId')),
        ),
      )
      .prepare(),
  ).get(key);
}

/** Public lookup by number (verify page, PDF, credential routes). */
export function findCertificateByNumber(db: Db, number: string): CertificateRecord | undefined {
  return prepared(db, 'certificateByNumber', (d) =>
    d
      .select()
      .from(certificates)
      .where(eq(certificates.number, sql.placeholder('number')))
      .prepare(),
  ).get({ number });
}

/** A certificate row without its signed credential (the two largest columns). */
export type CertificateSummary = Omit<CertificateRecord, 'credentialJson' | 'credentialJwt'>;

const { credentialJson: _json, credentialJwt: _jwt, ...summaryColumns } = getTableColumns(certificates);

/**
 * Public lookup by number without the signed credential, for the verify page's hot path: the
 * credential (about 4 KB as JSON-LD and JWT) is neither copied into JavaScript strings nor
 * garbage-collected on every verification. {@link findCredentialByNumber} reads it when needed.
 */
export function findCertificateSummary(db: Db, number: string): CertificateSummary | undefined {
  return prepared(db, 'certificateSummaryByNumber', (d) =>
    d
      .select(summaryColumns)
      .from(certificates)
      .where(eq(certificates.number, sql.placeholder('number')))
      .prepare(),
  ).get({ number });
}

/** The signed credential of a certificate as issued (JSON-LD and VC-JWT) and its version, by number. */
export function findCredentialByNumber(
  db: Db,
  number: string,
): Pick<CertificateRecord, 'credentialJson' | 'credentialJwt' | 'version'> | undefined {
  return prepared(db, 'credentialByNumber', (d) =>
    d
      .select({ credentialJson: certificates.credentialJson, credentialJwt: certificates.credentialJwt, version: certificates.version })
      .from(certificates)
      .where(eq(certificates.number, sql.placeholder('number')))
      .prepare(),
  ).get({ number });
}

/** The tenant and the learner's locale of a certificate, without the rest of its row (for PDF re-downloads). */
export function findCertificateTenantAndLocale(db: Db, number: string): { tenantId: string; learnerLocale: string | null } | undefined {
  return prepared(db, 'certificateTenantAndLocale', (d) =>
    d
      .select({ tenantId: certificates.tenantId, learnerLocale: certificates.learnerLocale })
      .from(certificates)
      .where(eq(certificates.number, sql.placeholder('number')))
      .prepare(),
  ).get({ number });
}

/** Tenant-scoped lookup: another tenant's number is simply not found. */
export function findTenantCertificate(db: Db, tenantId: string, number: string): CertificateRecord | undefined {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.tenantId, tenantId), eq(certificates.number, number)))
    .get();
}

/** Position after which a page of certificates continues. */
export interface CertificateCursor {
  issuedAt: string;
  number: string;
}

/** Lists the tenant's certificates in issue order, optionally filtered, one page at a time. */
export function listCertificates(
  db: Db,
  options: { tenantId: string; courseId?: string; learnerId?: string; limit: number; after?: CertificateCursor },
): CertificateRecord[] {
  const conditions = [eq(certificates.tenantId, options.tenantId)];
  if (options.courseId !== undefined) conditions.push(eq(certificates.courseId, options.courseId));
  if (options.learnerId !== undefined) conditions.push(eq(certificates.learnerId, options.learnerId));
  if (options.after) {
    const { issuedAt, number } = options.after;
    conditions.push(
      or(gt(certificates.issuedAt, issuedAt), and(eq(certificates.issuedAt, issuedAt), gt(certificates.number, number)))!,
    );
  }
  return db
    .select()
    .from(certificates)
    .where(and(...conditions))
    .orderBy(asc(certificates.issuedAt), asc(certificates.number))
    .limit(options.limit)
    .all();
}

/** Marks a certificate revoked unless it already is; returns true when this call revoked it. */
export function markCertificateRevoked(
  db: Db,
  options: { tenantId: string; number: string; at: string; reason: string },
): boolean {
  const result = db
    .update(certificates)
    .set({ revokedAt: options.at, revocationReason: options.reason })
    .where(
      and(
        eq(certificates.tenantId, options.tenantId),
        eq(certificates.number, options.number),
        isNull(certificates.revokedAt),
      ),
    )
    .run();
  return result.changes > 0;
}

