import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { RecentRows } from './recent-rows.js';
import { courses } from './schema.js';

/** A course row. */
export type Course = typeof courses.$inferSelect;

/** Courses by tenant and id, at most a second old: every write here forgets them. */
const recentCourses = new RecentRows<Course>();

/** Inserts a course; returns false when the tenant already has a course with this id. */
export function insertCourse(db: Db, course: typeof courses.$inferInsert): boolean {
  recentCourses.invalidate();
  const result = db.insert(courses).values(course).onConflictDoNothing().run();
  return result.changes > 0;
}

/** Finds one of the tenant's courses. */
export function findCourse(db: Db, tenantId: string, courseId: string): Course | undefined {
  return prepared(db, 'course', (d) =>
    d
      .select()
      .from(courses)
      .where(and(eq(courses.tenantId, sql.placeholder('tenantId')), eq(courses.id, sql.placeholder('courseId'))))
      .prepare(),
  ).get({ tenantId, courseId });
}

/**
 * {@link findCourse} at most one second old (see RecentRows), for issuance: a change made by this
 * process is seen at once, one made by another process within a second.
 */
export function findRecentCourse(db: Db, tenantId: string, courseId: string): Course | undefined {
  return recentCourses.get(db, `${tenantId}\n${courseId}`, () => findCourse(db, tenantId, courseId));
}

/** Lists the tenant's courses by id, `limit` at a time after `afterId`. */
export function listCourses(db: Db, options: { tenantId: string; limit: number; afterId?: string }): Course[] {
  const conditions = [eq(courses.tenantId, options.tenantId)];
  if (options.afterId !== undefined) conditions.push(gt(courses.id, options.afterId));
  return db
    .select()
    .from(courses)
    .where(and(...conditions))
    .orderBy(asc(courses.id))
    .limit(options.limit)
    .all();
}

/** Applies changes to one of the tenant's courses; returns the updated row or undefined. */
export function updateCourse(
  db: Db,
  options: { tenantId: string; courseId: string; changes: Partial<typeof courses.$inferInsert> },
): Course | undefined {
  recentCourses.invalidate();
  return db
    .update(courses)
    .set(options.changes)
    .where(and(eq(courses.tenantId, options.tenantId), eq(courses.id, options.courseId)))
    .returning()
    .get();
}
