import { acceptsNull, alternativesOf, resolveSchema, typeLabel, type JsonSchema, type SchemaComponents } from './json-schema.js';

/** One documented field of a request body. */
export interface SchemaField {
  /** Dotted path: `learner.email`, `credential.credentialSubject`. */
  name: string;
  type: string;
  required: boolean;
  description: string;
}

/** Nested objects are documented this deep; deeper structure is left to the schema itself. */
const MAX_DEPTH = 3;

/** The object alternative of a field, whose properties are worth listing. */
function objectOf(schema: JsonSchema, components: SchemaComponents): JsonSchema | undefined {
  return alternativesOf(resolveSchema(schema, components))
    .map((option) => resolveSchema(option, components))
    .find((option) => option.properties && Object.keys(option.properties).length > 0);
}

function describe(schema: JsonSchema, components: SchemaComponents): string {
  const resolved = resolveSchema(schema, components);
  const parts = [resolved.description ?? schema.description ?? ''];
  if (acceptsNull(resolved)) parts.push('May be `null`.');
  if (resolved.default !== undefined) parts.push(`Default: \`${JSON.stringify(resolved.default)}\`.`);
  return parts.filter(Boolean).join(' ');
}

/**
 * The fields of a request body schema, flattened with dotted names (objects within objects
 * a few levels deep), each with its type, whether it is required and its description.
 */
export function schemaFields(schema: JsonSchema, components: SchemaComponents, prefix = '', depth = 0): SchemaField[] {
  const object = objectOf(schema, components);
  if (!object?.properties || depth >= MAX_DEPTH) return [];
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).flatMap(([key, property]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const field: SchemaField = { name, type: typeLabel(property, components), required: required.has(key), description: describe(property, components) };
    return [field, ...schemaFields(property, components, name, depth + 1)];
  });
}
