import { and, eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { learners } from './schema.js';

/** A learner row. */
export type Learner = typeof learners.$inferSelect;

/** Creates or refreshes a learner with the LMS's latest description. */
export function upsertLearner(db: Db, learner: typeof learners.$inferInsert): void {
  const { tenantId: _tenantId, id: _id, ...changes } = learner;
  db.insert(learners)
    .values(learner)
    .onConflictDoUpdate({ target: [learners.tenantId, learners.id], set: changes })
    .run();
}

/** Finds one of the tenant's learners. */
export function findLearner(db: Db, tenantId: string, learnerId: string): Learner | undefined {
  return db
    .select()
    .from(learners)
    .where(and(eq(learners.tenantId, tenantId), eq(learners.id, learnerId)))
    .get();
}
