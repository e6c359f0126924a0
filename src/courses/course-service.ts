import type { Db } from '../db/client.js';
import { findCourse, insertCourse, listCourses, updateCourse, type Course } from '../db/courses-repository.js';
import { AppError, notFound } from '../errors.js';
import type { CreateCourseInput, UpdateCourseInput } from '../http/schemas/course-input.js';

/** Share of completers weekly-active at 90 days that counts as adoption (conventions §6). */
export const DEFAULT_ADOPTION_TARGET = 0.4;

/** Dependencies of the course use cases. */
export interface CourseDeps {
  db: Db;
  now: () => Date;
}

/** The public shape of a course in API responses. */
export function presentCourse(course: Course) {
  return {
    id: course.id,
    name: course.name,
    description: course.description,
    criteria: course.criteria,
    validityMonths: course.validityMonths,
    image: course.image,
    usage: course.usage,
    adoptionTarget: course.adoptionTarget ?? DEFAULT_ADOPTION_TARGET,
    minutesSavedPerActiveDay: course.minutesSavedPerActiveDay,
    hourlyCost: course.hourlyCost,
    createdAt: course.createdAt,
    updatedAt: course.updatedAt,
  };
}

/** Creates a course for the tenant; a duplicate id is a 409. */
export function createCourse(deps: CourseDeps, tenantId: string, input: CreateCourseInput): Course {
  const at = deps.now().toISOString();
  const row = {
    tenantId,
    id: input.id,
    name: input.name,
    description: input.description,
    criteria: input.criteria,
    validityMonths: input.validityMonths ?? null,
    image: input.image ?? null,
    usage: input.usage ?? null,
    adoptionTarget: input.adoptionTarget ?? null,
    minutesSavedPerActiveDay: input.minutesSavedPerActiveDay ?? null,
    hourlyCost: input.hourlyCost ?? null,
    createdAt: at,
    updatedAt: at,
  };
  if (!insertCourse(deps.db, row)) {
    throw new AppError('course_exists', 409, `a course with id "${input.id}" already exists`, { field: 'id' });
  }
  return row;
}

/** Returns one of the tenant's courses or a 404 `course_not_found`. */
export function getCourse(deps: CourseDeps, tenantId: string, courseId: string): Course {
  const course = findCourse(deps.db, tenantId, courseId);
  if (!course) throw notFound('course_not_found', `no course with id "${courseId}"`);
  return course;
}

/** Lists the tenant's courses a page at a time. */
export function listTenantCourses(deps: CourseDeps, options: { tenantId: string; limit: number; afterId?: string }): Course[] {
  return listCourses(deps.db, options);
}

/** Applies a partial update to a course; issued certificates keep what they were issued with. */
export function changeCourse(deps: CourseDeps, tenantId: string, courseId: string, input: UpdateCourseInput): Course {
  const updated = updateCourse(deps.db, {
    tenantId,
    courseId,
    changes: { ...input, updatedAt: deps.now().toISOString() },
  });
  if (!updated) throw notFound('course_not_found', `no course with id "${courseId}"`);
  return updated;
}
