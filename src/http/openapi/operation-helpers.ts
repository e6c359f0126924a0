import type { z } from 'zod';
import type { ZodOpenApiRequestBodyObject, ZodOpenApiResponseObject } from 'zod-openapi';

/** A required JSON request body validated by `schema`. */
export function jsonBody(schema: z.ZodType, description?: string): ZodOpenApiRequestBodyObject {
  return { required: true, description, content: { 'application/json': { schema } } };
}

/** A response whose body is `schema`, sent as `mediaType` (JSON unless told). */
export function contentResponse(description: string, schema: z.ZodType, mediaType = 'application/json'): ZodOpenApiResponseObject {
  return { description, content: { [mediaType]: { schema } } };
}
