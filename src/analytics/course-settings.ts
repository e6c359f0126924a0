import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { courses, type LocalizedText } from '../db/schema.js';

/** What analytics needs of a course: its name, adoption target and value-estimate inputs. */
export interface CourseSettings {
  id: string;
  name: LocalizedText;
  adoptionTarget: number | null;
  minutesSavedPerActiveDay: number | null;
  hourlyCost: number | null;
}

/** All of the tenant's courses, by id (a few columns only; tenants have tens, not millions). */
export function listCourseSettings(db: Db, tenantId: string): CourseSettings[] {
  return db
    .select({
      id: courses.id,
      name: courses.name,
      adoptionTarget: courses.adoptionTarget,
      minutesSavedPerActiveDay: courses.minutesSavedPerActiveDay,
      hourlyCost: courses.hourlyCost,
    })
    .from(courses)
    .where(eq(courses.tenantId, tenantId))
    .orderBy(asc(courses.id))
    .all();
}
