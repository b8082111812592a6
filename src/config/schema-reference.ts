import type { SchemaNode } from './schema-node.js';
import { configSchema } from './schema.js';
import { qualityStandardsSchema } from './quality-standards-schema.js';

/** One documented key. */
export interface KeyDoc {
  key: string;
  type: string;
  default: string;
  description: string;
}

/** Every key of a schema, depth first, with its type, default and description. */
export function schemaKeys(node: SchemaNode, prefix = ''): KeyDoc[] {
  const docs: KeyDoc[] = [];
  if (node.type === 'object') {
    for (const [key, child] of Object.entries(node.properties)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      docs.push(keyDoc(path, child), ...schemaKeys(child, path));
    }
  } else if (node.type === 'array' && (node.items.type === 'object' || node.items.type === 'record')) {
    docs.push(...schemaKeys(node.items, `${prefix}[]`));
  } else if (node.type === 'record' && (node.values.type === 'object' || node.values.type === 'record')) {
    docs.push(...schemaKeys(node.values, `${prefix}.<name>`));
  }
  return docs;
}

function keyDoc(key: string, node: SchemaNode): KeyDoc {
  return { key, type: typeName(node), default: defaultText(node), description: node.description };
}

function typeName(node: SchemaNode): string {
  let name: string;
  switch (node.type) {
    case 'string':
      name = node.enum ? node.enum.map((value) => `"${value}"`).join(' \\| ') : 'string';
      break;
    case 'array':
      name = `${typeName(node.items)}[]`;
      break;
    case 'record':
      name = `map of ${typeName(node.values)}`;
      break;
    case 'object':
      name = 'object';
      break;
    default:
      name = node.type;
  }
  return node.nullable ? `${name} \\| null` : name;
}

function defaultText(node: SchemaNode): string {
  if (node.optional) return '(unset)';
  if (node.default === undefined) return node.type === 'object' ? '' : '(none)';
  const text = JSON.stringify(node.default);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

function table(docs: KeyDoc[]): string {
  const rows = docs.map((doc) => `| \`${doc.key}\` | ${doc.type} | ${doc.default} | ${doc.description} |`);
  return ['| Key | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The Markdown key reference of both files (docs/config.md embeds it; `config --reference` prints it). */
export function configReference(): string {
  return [
    '### br-guard config (`.br-guardrc.yaml`, `package.json#br-guard`, ...)',
    '',
    table(schemaKeys(configSchema)),
    '',
    '### quality-standards.yaml',
    '',
    table(schemaKeys(qualityStandardsSchema)),
    '',
  ].join('\n');
}
