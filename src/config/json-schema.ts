import type { SchemaNode } from './schema-node.js';

/** A JSON Schema (draft-07) document or subschema. */
export type JsonSchema = Record<string, unknown>;

export const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

/**
 * The JSON Schema of a config schema, for editors (`yaml-language-server`, VS Code's
 * `json.schemas`) and `br-guard config --schema`. Generated from the one schema that validates
 * and fills defaults, never written twice. Draft-07: what editors support most widely. Objects
 * are closed (`additionalProperties: false`), as the validator treats them; no key is
 * required, since every one has a default.
 */
export function toJsonSchema(node: SchemaNode, title: string): JsonSchema {
  return { $schema: JSON_SCHEMA_DRAFT, title, ...convert(node) };
}

function convert(node: SchemaNode): JsonSchema {
  const out: JsonSchema = { description: node.description };
  switch (node.type) {
    case 'string':
      out.type = 'string';
      if (node.enum) out.enum = node.nullable ? [...node.enum, null] : [...node.enum];
      break;
    case 'number':
      out.type = node.integer ? 'integer' : 'number';
      if (node.min !== undefined) out.minimum = node.min;
      if (node.max !== undefined) out.maximum = node.max;
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'array':
      out.type = 'array';
      out.items = convert(node.items);
      break;
    case 'object':
      out.type = 'object';
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([key, child]) => [key, convert(child)]));
      out.additionalProperties = false;
      break;
    case 'record':
      out.type = 'object';
      out.additionalProperties = convert(node.values);
      break;
  }
  if (node.nullable) out.type = [out.type as string, 'null'];
  if (!node.optional && node.default !== undefined) out.default = node.default;
  return out;
}
