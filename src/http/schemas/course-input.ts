import { z } from 'zod';
import { externalId, httpUrl, localizedText, textOrLocalized } from './common.js';

const courseFields = {
  name: textOrLocalized(200),
  description: textOrLocalized(2000),
  criteria: localizedText(4000),
  validityMonths: z.number().int().min(1).max(600).nullable(),
  image: httpUrl.nullable(),
};

/** Body of `POST /v1/courses`. */
export const createCourseBody = z.strictObject({
  id: externalId.max(64),
  ...courseFields,
  validityMonths: courseFields.validityMonths.optional(),
  image: courseFields.image.optional(),
});

/** Body of `PATCH /v1/courses/:id`: any subset of the fields; `null` clears an optional one. */
export const updateCourseBody = z
  .strictObject(courseFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });

export type CreateCourseInput = z.infer<typeof createCourseBody>;
export type UpdateCourseInput = z.infer<typeof updateCourseBody>;
