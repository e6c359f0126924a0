import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { pdfCache } from './schema.js';

/** A cached rendering of a certificate PDF. */
export interface CachedPdf {
  etag: string;
  bytes: Buffer;
}

/** Returns the cached PDF for a certificate, language and template version, if rendered before. */
export function findCachedPdf(
  db: Db,
  key: { number: string; language: string; templateVersion: string },
): CachedPdf | undefined {
  return prepared(db, 'cachedPdf', (d) =>
    d
      .select({ etag: pdfCache.etag, bytes: pdfCache.bytes })
      .from(pdfCache)
      .where(
        and(
          eq(pdfCache.number, sql.placeholder('number')),
          eq(pdfCache.language, sql.placeholder('language')),
          eq(pdfCache.templateVersion, sql.placeholder('templateVersion')),
        ),
      )
      .prepare(),
  ).get(key);
}

/** Stores a rendered PDF (rendering is deterministic, so a concurrent duplicate is identical). */
export function storeCachedPdf(db: Db, entry: typeof pdfCache.$inferInsert): void {
  db.insert(pdfCache).values(entry).onConflictDoNothing().run();
}
