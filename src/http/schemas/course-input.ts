import { z } from 'zod';
import { absoluteIri, externalId, httpUrl, localizedText, textOrLocalized } from './common.js';

/** Which xAPI statements count as applying the course's skill (conventions §5). */
export const usageRuleInput = z.strictObject({
  activities: z.array(absoluteIri).min(1).max(100),
  verbs: z.array(absoluteIri).min(1).max(100).optional(),
  halfLifeDays: z.number().min(1).max(3650).default(30),
});

const courseFields = {
  name: textOrLocalized(200),
  description: textOrLocalized(2000),
  criteria: localizedText(4000),
  validityMonths: z.number().int().min(1).max(600).nullable(),
  image: httpUrl.nullable(),
  usage: usageRuleInput.nullable(),
  adoptionTarget: z.number().gt(0).max(1).nullable(),
  minutesSavedPerActiveDay: z.number().min(0).max(1440).nullable(),
  hourlyCost: z.number().min(0).max(100_000).nullable(),
};

/** Body of `POST /v1/courses`. */
export const createCourseBody = z.strictObject({
  id: externalId.max(64),
  ...courseFields,
  validityMonths: courseFields.validityMonths.optional(),
  image: courseFields.image.optional(),
  usage: courseFields.usage.optional(),
  adoptionTarget: courseFields.adoptionTarget.optional(),
  minutesSavedPerActiveDay: courseFields.minutesSavedPerActiveDay.optional(),
  hourlyCost: courseFields.hourlyCost.optional(),
});

/** Body of `PATCH /v1/courses/:id`: any subset of the fields; `null` clears an optional one. */
export const updateCourseBody = z
  .strictObject(courseFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });

export type CreateCourseInput = z.infer<typeof createCourseBody>;
export type UpdateCourseInput = z.infer<typeof updateCourseBody>;
