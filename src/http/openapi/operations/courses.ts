import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { createCourseBody, updateCourseBody } from '../../schemas/course-input.js';
import { courseListQuery } from '../../schemas/list-queries.js';
import { contentResponse, jsonBody } from '../operation-helpers.js';
import { AUTH_PROBLEMS, requireScope } from '../security-schemes.js';
import { JSON_BODY_PROBLEMS, problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { courseResponse, pageOf } from '../response-schemas/tenant-resources.js';

const tags = ['Courses'];
const coursePath = { path: z.object({ id: z.string().meta({ description: 'The course id you chose when creating it.' }) }) };

/** `/v1/courses`: the tenant's courses. */
export const coursePaths: ZodOpenApiPathsObject = {
  '/v1/courses': {
    post: {
      tags,
      operationId: 'createCourse',
      summary: 'Create a course',
      description:
        'A course is what a certificate attests: its name, description and criteria go into every credential issued for it. ' +
        'Give it the id your LMS uses; completions refer to it by that id.',
      security: requireScope('courses:write'),
      requestBody: jsonBody(
        createCourseBody,
        'Texts are a plain string (English) or a map per language (`{"en": "…", "nb": "…"}`, English required); `criteria` is ' +
          'always a map. `usage` names the xAPI activities that count as applying the skill.',
      ),
      responses: {
        201: contentResponse('The course was created; `Location` names it.', courseResponse),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, { 409: ['course_exists'] }),
      },
    },
    get: {
      tags,
      operationId: 'listCourses',
      summary: 'List courses',
      description: 'The tenant’s courses in id order, a page at a time.',
      security: requireScope('courses:read'),
      requestParams: { query: courseListQuery },
      responses: {
        200: contentResponse('A page of courses.', pageOf(courseResponse)),
        ...problemResponses({ 400: ['validation_failed'] }, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS),
      },
    },
  },
  '/v1/courses/{id}': {
    get: {
      tags,
      operationId: 'getCourse',
      summary: 'Read a course',
      security: requireScope('courses:read'),
      requestParams: coursePath,
      responses: {
        200: contentResponse('The course.', courseResponse),
        ...problemResponses(AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, { 404: ['course_not_found'] }),
      },
    },
    patch: {
      tags,
      operationId: 'updateCourse',
      summary: 'Change a course',
      description: 'Send only the fields to change; `null` clears an optional one. Certificates already issued keep their content.',
      security: requireScope('courses:write'),
      requestParams: coursePath,
      requestBody: jsonBody(updateCourseBody),
      responses: {
        200: contentResponse('The changed course.', courseResponse),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, { 404: ['course_not_found'] }),
      },
    },
  },
};
