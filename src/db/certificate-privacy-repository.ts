import { eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { certificates } from './schema.js';

/** Sets whether a certificate's usage evidence is hidden from its public verify page. */
export function setUsageHidden(db: Db, number: string, hidden: boolean): void {
  db.update(certificates).set({ usageHidden: hidden }).where(eq(certificates.number, number)).run();
}
