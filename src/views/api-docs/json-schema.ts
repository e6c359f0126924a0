/** Just enough of JSON Schema (as OpenAPI 3.1 uses it) to document and exemplify request bodies. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

/** The schemas a document's `$ref`s point at (`#/components/schemas/<name>`). */
export type SchemaComponents = Record<string, JsonSchema>;

/** Follows a `$ref` (a few levels at most, components cannot loop forever) to the schema itself. */
export function resolveSchema(schema: JsonSchema, components: SchemaComponents): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 5; hops++) {
    current = components[current.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  return current;
}

/** The alternatives of a union other than `null`; the schema itself when it is no union. */
export function alternativesOf(schema: JsonSchema): JsonSchema[] {
  const options = schema.anyOf ?? schema.oneOf;
  return options ? options.filter((option) => option.type !== 'null') : [schema];
}

/** True when `null` is an accepted value. */
export function acceptsNull(schema: JsonSchema): boolean {
  const options = schema.anyOf ?? schema.oneOf ?? [];
  return options.some((option) => option.type === 'null') || (Array.isArray(schema.type) && schema.type.includes('null'));
}

/** A short, readable type: `string (date-time)`, `array of string`, `"did:web" | "did:key"`, `object`. */
export function typeLabel(schema: JsonSchema, components: SchemaComponents): string {
  const resolved = resolveSchema(schema, components);
  if (resolved.const !== undefined) return JSON.stringify(resolved.const);
  if (resolved.enum) return resolved.enum.map((value) => JSON.stringify(value)).join(' | ');
  const alternatives = alternativesOf(resolved);
  if (alternatives.length > 1 || alternatives[0] !== resolved) return alternatives.map((option) => typeLabel(option, components)).join(' or ');
  const types = (Array.isArray(resolved.type) ? resolved.type : [resolved.type ?? 'any']).filter((type) => type !== 'null');
  return types
    .map((type) => {
      if (type === 'array') return `array of ${resolved.items ? typeLabel(resolved.items, components) : 'any'}`;
      return resolved.format ? `${type} (${resolved.format})` : type;
    })
    .join(' or ');
}
