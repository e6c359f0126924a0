import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { learners } from './schema.js';

/** A learner row. */
export type Learner = typeof learners.$inferSelect;

/** Creates or refreshes a learner with the LMS's latest description. */
export function upsertLearner(db: Db, learner: Required<typeof learners.$inferInsert>): void {
  prepared(db, 'upsertLearner', (d) =>
    d
      .insert(learners)
      .values({
        tenantId: sql.placeholder('tenantId'),
        id: sql.placeholder('id'),
        name: sql.placeholder('name'),
        email: sql.placeholder('email'),
        emailSha1: sql.placeholder('emailSha1'),
        locale: sql.placeholder('locale'),
        team: sql.placeholder('team'),
        managerId: sql.placeholder('managerId'),
        updatedAt: sql.placeholder('updatedAt'),
      })
      .onConflictDoUpdate({
        target: [learners.tenantId, learners.id],
        set: {
          name: sql`excluded.name`,
          email: sql`excluded.email`,
          emailSha1: sql`excluded.email_sha1`,
          locale: sql`excluded.locale`,
          team: sql`excluded.team`,
          managerId: sql`excluded.manager_id`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .prepare(),
  ).run(learner);
}

/** Finds one of the tenant's learners. */
export function findLearner(db: Db, tenantId: string, learnerId: string): Learner | undefined {
  return db
    .select()
    .from(learners)
    .where(and(eq(learners.tenantId, tenantId), eq(learners.id, learnerId)))
    .get();
}
