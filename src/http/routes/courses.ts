import { Router } from 'express';
import { changeCourse, createCourse, getCourse, listTenantCourses, presentCourse, type CourseDeps } from '../../courses/course-service.js';
import { authOf } from '../auth-context.js';
import { requireApiKeyByMethod } from '../middleware/auth.js';
import { createCourseBody, updateCourseBody } from '../schemas/course-input.js';
import { courseListQuery } from '../schemas/list-queries.js';
import { parseInput } from '../validate.js';

/** `/v1/courses`: the tenant's courses (admin API key). */
export function coursesRouter(deps: CourseDeps): Router {
  const router = Router();
  router.use(requireApiKeyByMethod(deps.db, { GET: 'courses:read', POST: 'courses:write', PATCH: 'courses:write' }));

  router.post('/', (req, res) => {
    const input = parseInput(createCourseBody, req.body);
    const course = createCourse(deps, authOf(res).tenant.id, input);
    res.status(201).location(`/v1/courses/${encodeURIComponent(course.id)}`).json(presentCourse(course));
  });

  router.get('/', (req, res) => {
    const query = parseInput(courseListQuery, req.query, 'query');
    const items = listTenantCourses(deps, { tenantId: authOf(res).tenant.id, limit: query.limit + 1, afterId: query.cursor });
    const page = items.slice(0, query.limit);
    res.json({ items: page.map(presentCourse), nextCursor: items.length > query.limit ? page.at(-1)!.id : null });
  });

  router.get('/:id', (req, res) => {
    res.json(presentCourse(getCourse(deps, authOf(res).tenant.id, req.params.id)));
  });

  router.patch('/:id', (req, res) => {
    const input = parseInput(updateCourseBody, req.body);
    res.json(presentCourse(changeCourse(deps, authOf(res).tenant.id, req.params.id, input)));
  });

  return router;
}
