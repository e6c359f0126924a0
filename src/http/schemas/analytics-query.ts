import { z } from 'zod';
import { externalId } from './common.js';

/** Filters shared by every analytics endpoint (and the dashboard): course and completion days. */
const filterFields = {
  courseId: externalId.optional().meta({ description: 'Only this course.' }),
  from: z.iso.date().optional().meta({ description: 'First completion day (inclusive), `YYYY-MM-DD`.' }),
  to: z.iso.date().optional().meta({ description: 'Last completion day (inclusive), `YYYY-MM-DD`.' }),
  format: z.enum(['json', 'csv']).optional().meta({ description: '`csv` for a spreadsheet download (or send `Accept: text/csv`).' }),
};

/** `to` must not be before `from`. */
const daysInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const daysOutOfOrder = { message: 'must not be before from', path: ['to'] };

/** Query of `GET /v1/analytics/managers` and of the dashboard: the filters alone. */
export const analyticsFilterQuery = z.object(filterFields).refine(daysInOrder, daysOutOfOrder);

/** Query of `GET /v1/analytics/adoption`. */
export const adoptionQuery = z
  .object({ ...filterFields, groupBy: z.enum(['cohort', 'team', 'manager', 'course']).default('cohort').meta({ description: 'How to group the learners.' }) })
  .refine(daysInOrder, daysOutOfOrder);

/** Query of `GET /v1/analytics/follow-up`. */
export const followUpQuery = z
  .object({ ...filterFields, limit: z.coerce.number().int().min(1).max(10_000).default(1000).meta({ description: 'At most this many learners.' }) })
  .refine(daysInOrder, daysOutOfOrder);
