import { z } from 'zod';
import type { ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';

/** The `application/problem+json` body of every refusal (RFC 9457), as the error middleware renders it. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the problem; stable per code.', example: 'https://credence.dev/problems/validation_failed' }),
    title: z.string().meta({ description: 'A short, translated summary of the kind of problem.' }),
    status: z.number().int().meta({ description: 'The HTTP status code.' }),
    detail: z.string().meta({ description: 'What went wrong with this request, in plain words.' }),
    code: z.string().meta({ description: 'Stable snake_case code: branch on this, never on the texts.', example: 'validation_failed' }),
    errors: z
      .array(z.object({ field: z.string().meta({ description: 'The input at fault: a body path (`learner.email`), a query parameter or a header.' }), message: z.string() }))
      .optional()
      .meta({ description: 'Every input field at fault, when the problem is about input.' }),
    requestId: z.string().meta({ description: 'Quote this when you report a problem; it is also in the `X-Request-Id` header.' }),
  })
  .meta({ id: 'Problem', description: 'A refusal: `code` is stable, `errors[]` lists the fields at fault.' });

/** Problem codes a response status can carry, e.g. `{ 400: ['validation_failed'], 404: ['course_not_found'] }`. */
export type ProblemCodes = Partial<Record<400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429, readonly string[]>>;

const STATUS_TEXT: Record<number, string> = {
  400: 'The input is invalid',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Not processable',
  429: 'Too many requests',
};

/**
 * A refusal listing its stable codes, in the description and as `x-problem-codes` (for tools and
 * the docs page); the body is a problem unless another schema and media type are given.
 */
export function refusalResponse(options: { summary: string; codes: readonly string[]; schema?: z.ZodType; mediaType?: string }): ZodOpenApiResponseObject {
  const { summary, codes, schema = problemSchema, mediaType = 'application/problem+json' } = options;
  return {
    description: `${summary}: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    'x-problem-codes': [...codes],
    content: { [mediaType]: { schema } },
  };
}

/** Merges lists of problem codes per status, without repeats. */
export function mergeProblemCodes(...lists: ProblemCodes[]): ProblemCodes {
  const merged: Record<number, string[]> = {};
  for (const list of lists) {
    for (const [status, codes] of Object.entries(list)) {
      merged[Number(status)] = [...new Set([...(merged[Number(status)] ?? []), ...(codes ?? [])])];
    }
  }
  return merged as ProblemCodes;
}

/** The OpenAPI responses for the given problem codes, keyed by status. */
export function problemResponses(...lists: ProblemCodes[]): ZodOpenApiResponsesObject {
  return Object.fromEntries(Object.entries(mergeProblemCodes(...lists)).map(([status, codes]) => [status, refusalResponse({ summary: STATUS_TEXT[Number(status)] ?? 'Refused', codes: codes ?? [] })]));
}

/** Refusals of any JSON body before the route sees it. */
export const JSON_BODY_PROBLEMS: ProblemCodes = {
  400: ['malformed_json', 'json_too_deep', 'validation_failed'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type', 'unsupported_encoding'],
};

/** The rate limit applies to every route (per API key, else per client IP). */
export const RATE_LIMIT_PROBLEMS: ProblemCodes = { 429: ['rate_limited'] };
