import { z } from 'zod';

/** Body of `POST /privacy/:number` (HTML form or JSON): the learner's choice about usage evidence. */
export const privacyChoiceBody = z.object({
  token: z.string().max(100).meta({ description: 'The `token` of the learner’s privacy link.' }),
  hideUsage: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).meta({ description: 'Hide (`true`) or show usage evidence on the verify page.' }),
});
