import type { EsNode } from './ts-url.js';
import { urlParts } from './ts-url.js';

/** Small readers of ESTree nodes shared by the TypeScript scanner. */

export function verbMethod(verb: string): string {
  return verb === 'all' ? '*' : verb.toUpperCase();
}

export function unwrap(node: EsNode | undefined): EsNode | undefined {
  let current = node;
  while (
    current &&
    (current.type === 'TSAsExpression' ||
      current.type === 'TSNonNullExpression' ||
      current.type === 'AwaitExpression' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'ChainExpression')
  ) {
    current = current.type === 'AwaitExpression' ? current.argument : current.expression;
  }
  return current;
}

export function nameOf(node: EsNode | undefined): string {
  if (!node) return '';
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Literal') return String(node.value);
  return '';
}

/** `a.b.c` for a chain of identifiers, else null. */
export function memberText(node: EsNode | undefined): string | null {
  if (!node) return null;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = memberText(node.object);
    return object ? `${object}.${node.property.name}` : null;
  }
  return null;
}

export function propertyValue(node: EsNode | undefined, key: string): EsNode | undefined {
  if (node?.type !== 'ObjectExpression') return undefined;
  for (const property of node.properties as EsNode[]) {
    if (property.type === 'Property' && nameOf(property.key) === key) return property.value;
  }
  return undefined;
}

export function stringProperty(node: EsNode | undefined, keys: string[], constants: Map<string, string>): string | undefined {
  for (const key of keys) {
    const value = propertyValue(node, key);
    if (!value) continue;
    const parts = urlParts(value, { constants, params: new Map() });
    if (parts) return parts.map((part) => (part.kind === 'text' ? part.value : '')).join('');
    // An environment-provided base URL: unknown host, our own API.
    return '';
  }
  return undefined;
}

/**
 * The names a route registration passes as handlers (`protect`, `getTopProducts`,
 * `controller.list` → `list`): identifiers and member properties among the arguments.
 */
export function handlerNames(args: readonly EsNode[]): string[] {
  const names: string[] = [];
  for (const arg of args) {
    const node = unwrap(arg) as EsNode | undefined;
    if (node?.type === 'Identifier') names.push(node.name as string);
    else if (node?.type === 'MemberExpression' && node.property?.type === 'Identifier' && !node.computed)
      names.push(node.property.name as string);
  }
  return names;
}
