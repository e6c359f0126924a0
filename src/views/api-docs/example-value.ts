import { alternativesOf, resolveSchema, type JsonSchema, type SchemaComponents } from './json-schema.js';

const BY_FORMAT: Record<string, string> = {
  'date-time': '2026-01-15T09:30:00Z',
  date: '2026-01-15',
  email: 'ada@example.com',
  uri: 'https://example.com/',
  uuid: '3b241101-e2bb-4255-8caf-4136c566a962',
};

/**
 * A small example value for a schema, for curl examples: the schema's own `example` when it has
 * one, else a placeholder by type and format; objects list their required properties only (or
 * their first one, when none is required).
 */
export function exampleValue(schema: JsonSchema, components: SchemaComponents, name = 'value', depth = 0): unknown {
  const resolved = resolveSchema(schema, components);
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.enum?.length) return resolved.enum[0];
  const option = resolveSchema(alternativesOf(resolved)[0] ?? {}, components);
  if (option !== resolved) return exampleValue(option, components, name, depth);
  const type = Array.isArray(option.type) ? option.type.find((t) => t !== 'null') : option.type;
  switch (type) {
    case 'object': {
      if (depth > 4) return {};
      const properties = Object.entries(option.properties ?? {});
      // All optional (a PATCH): show one field rather than an empty object.
      const required = option.required?.length ? option.required : properties.slice(0, 1).map(([key]) => key);
      return Object.fromEntries(
        properties
          .filter(([key]) => required.includes(key))
          .map(([key, property]) => [key, exampleValue(property, components, key, depth + 1)]),
      );
    }
    case 'array':
      return option.items ? [exampleValue(option.items, components, name, depth + 1)] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      return (option.format && BY_FORMAT[option.format]) ?? `<${name}>`;
    default:
      return {};
  }
}
