import { z } from 'zod';

/** Body of `POST /v1/usage-sources`. */
export const createUsageSourceBody = z.strictObject({
  name: z.string().trim().min(1).max(200).meta({ description: 'A name you recognise, e.g. the tool sending the statements.' }),
});
