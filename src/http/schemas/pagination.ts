import { z } from 'zod';

/** `?limit=` (1-100, default 50) shared by every list endpoint. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
