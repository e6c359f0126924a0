import { z } from 'zod';
import { externalId, isoDateTime } from './common.js';

/** Body of the completion webhook `POST /v1/completions`. */
export const completionBody = z.strictObject({
  courseId: externalId,
  learner: z.strictObject({
    id: externalId,
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320).optional(),
    locale: z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, 'a language tag like en or nb-NO').optional(),
    team: z.string().trim().min(1).max(200).optional(),
    managerId: externalId.optional(),
  }),
  completedAt: isoDateTime,
  eventId: z.string().min(1).max(200).optional(),
});

/** `Idempotency-Key` header: printable ASCII, at most 255 characters. */
export const idempotencyKeyHeader = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'printable ASCII, 1-255 characters').optional();
