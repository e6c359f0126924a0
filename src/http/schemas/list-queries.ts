import { z } from 'zod';
import { externalId } from './common.js';
import { pageQuery } from './pagination.js';

/** Query of `GET /v1/courses`: a page of courses after the `cursor` course id. */
export const courseListQuery = pageQuery.extend({
  cursor: z.string().max(128).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

/** Query of `GET /v1/certificates`: newest first, optionally for one course or learner. */
export const certificateListQuery = pageQuery.extend({
  courseId: externalId.optional().meta({ description: 'Only certificates of this course.' }),
  learnerId: externalId.optional().meta({ description: 'Only certificates of this learner (your LMS id).' }),
  cursor: z.string().max(300).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});
