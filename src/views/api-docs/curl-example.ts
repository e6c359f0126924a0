import type { oas31 } from 'zod-openapi';
import { exampleValue } from './example-value.js';
import type { JsonSchema, SchemaComponents } from './json-schema.js';

/** Quotes a value for a POSIX shell (single quotes, with embedded ones closed and escaped). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function needsToken(operation: oas31.OperationObject): boolean {
  return (operation.security ?? []).some((requirement) => 'apiKey' in requirement || 'oauth2' in requirement);
}

function requiredParameters(operation: oas31.OperationObject, where: 'query' | 'header'): oas31.ParameterObject[] {
  return (operation.parameters ?? []).filter((p): p is oas31.ParameterObject => 'in' in p && p.in === where && p.required === true);
}

/** The body arguments for the operation's first request media type. */
function bodyArguments(operation: oas31.OperationObject, components: SchemaComponents): string[] {
  const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody : undefined;
  const [mediaType, media] = Object.entries(body?.content ?? {})[0] ?? [];
  if (!mediaType) return [];
  const firstExample = Object.values(media?.examples ?? {})[0] as { value?: unknown } | undefined;
  const example = media?.example ?? firstExample?.value ?? exampleValue((media?.schema ?? {}) as JsonSchema, components, 'body');
  if (mediaType === 'application/x-www-form-urlencoded') {
    return Object.entries(example as Record<string, unknown>).map(([key, value]) => `--data-urlencode ${shellQuote(`${key}=${String(value)}`)}`);
  }
  if (mediaType.includes('json')) return [`-H 'Content-Type: ${mediaType}'`, `-d ${shellQuote(JSON.stringify(example, null, 2))}`];
  return [`-H 'Content-Type: ${mediaType}'`, '--data-binary @file'];
}

/**
 * A copy-paste curl command for one operation against `publicUrl`: path parameters stay as
 * `{name}` to fill in, the access token is `$TOKEN`, and the body lists the required fields.
 */
export function curlExample(options: { method: string; path: string; operation: oas31.OperationObject; publicUrl: string; components: SchemaComponents }): string {
  const { method, path, operation, publicUrl, components } = options;
  const query = requiredParameters(operation, 'query').map((p) => `${p.name}={${p.name}}`);
  const url = `${publicUrl}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  const lines = [`curl -X ${method.toUpperCase()} "${url}"`];
  if (needsToken(operation)) lines.push('-H "Authorization: Bearer $TOKEN"');
  if ((operation.security ?? []).some((requirement) => 'oauthClient' in requirement)) lines.push('-u "$CLIENT_ID:$CLIENT_SECRET"');
  for (const header of requiredParameters(operation, 'header')) {
    const schema = (header.schema ?? {}) as JsonSchema;
    lines.push(`-H ${shellQuote(`${header.name}: ${String(schema.example ?? `{${header.name}}`)}`)}`);
  }
  lines.push(...bodyArguments(operation, components));
  return lines.join(' \\\n  ');
}
