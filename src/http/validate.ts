import type { z } from 'zod';
import { validationError } from '../errors.js';

/** Dotted path of a zod issue (`learner.email`, `items.3.id`), or `body` for the root. */
function fieldOf(path: PropertyKey[], root: string): string {
  return path.length === 0 ? root : path.map(String).join('.');
}

/**
 * Parses `value` with `schema`, or throws a 400 `validation_failed` listing every field at fault.
 * `root` names the whole value (`body`, `query`) in errors about it as a whole.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(
    result.error.issues.map((issue) => ({
      field: fieldOf(issue.path, root),
      message: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
    })),
  );
}
