import type { z } from 'zod';
import { validationError } from '../errors.js';

/** Dotted path of a zod issue (`learner.email`, `items.3.id`), or `body` for the root. */
function fieldOf(path: PropertyKey[], root: string): string {
  return path.length === 0 ? root : path.map(String).join('.');
}

/** The part of `value` at `path`, or undefined where the path leaves it. */
function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
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
      // zod leaves the offending input out of its issues: a field of the wrong type is told apart
      // from a missing one by looking it up in the value itself.
      message: issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined ? 'is required' : issue.message,
    })),
  );
}
