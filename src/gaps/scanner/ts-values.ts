import type { EsNode } from './ts-url.js';
import type { ValueExpr } from './types.js';
import { nameOf, unwrap } from './es-nodes.js';

const JOINS = /^(?:path\.posix\.join|path\.join|posix\.join|join|urlJoin|joinURL)$/;

/**
 * A route path or prefix written as an expression: string literals, template strings,
 * concatenation, names and member chains (`config.api.prefix`, an imported constant),
 * `path.posix.join(...)`, `process.env.X ?? '/api'` (the fallback). Undefined when any part is
 * something else (a call, a conditional), so the caller can say it could not read it.
 */
export function esValue(node: EsNode | undefined): ValueExpr | undefined {
  const value = unwrap(node);
  return value ? READERS[value.type as string]?.(value) : undefined;
}

const READERS: Record<string, (node: EsNode) => ValueExpr | undefined> = {
  Literal: (node) => (typeof node.value === 'string' || typeof node.value === 'number' ? [String(node.value)] : undefined),
  TemplateLiteral: templateValue,
  BinaryExpression: (node) => (node.operator === '+' ? concatenated([node.left, node.right]) : undefined),
  // `process.env.API_PREFIX ?? '/api'`: the environment is unknown here, the default is what the code says.
  LogicalExpression: (node) =>
    (node.operator === '??' || node.operator === '||') && isEnvironment(node.left) ? esValue(node.right) : undefined,
  Identifier: (node) => (node.name === 'undefined' ? undefined : [{ ref: node.name as string }]),
  MemberExpression: (node) => {
    const text = refText(node);
    return text && !isEnvironment(node) ? [{ ref: text }] : undefined;
  },
  CallExpression: (node) => (JOINS.test(refText(node.callee) ?? '') ? joined(node.arguments as EsNode[]) : undefined),
};

function isEnvironment(node: EsNode | undefined): boolean {
  const text = refText(node) ?? '';
  return text.startsWith('process.env.') || text.startsWith('import.meta.');
}

function concatenated(nodes: EsNode[]): ValueExpr | undefined {
  const parts: ValueExpr = [];
  for (const node of nodes) {
    const inner = esValue(node);
    if (!inner) return undefined;
    parts.push(...inner);
  }
  return parts;
}

/** `path.posix.join(a, b)`: the parts with a slash between (normalising collapses doubles). */
function joined(args: EsNode[]): ValueExpr | undefined {
  return concatenated(args.flatMap((arg, index) => (index > 0 ? [SLASH, arg] : [arg])));
}

const SLASH = { type: 'Literal', value: '/' } as EsNode;

function templateValue(node: EsNode): ValueExpr | undefined {
  const quasis = node.quasis as EsNode[];
  const expressions = node.expressions as EsNode[];
  const parts: ValueExpr = [];
  for (let i = 0; i < quasis.length; i++) {
    const quasi = quasis[i] as EsNode;
    const text = quasi.value.cooked ?? quasi.value.raw;
    if (text) parts.push(text);
    if (i >= expressions.length) continue;
    const inner = esValue(expressions[i]);
    if (!inner) return undefined;
    parts.push(...inner);
  }
  return parts;
}

/** `a.b.c`, with computed string keys (`config['api'].prefix`), for a chain of names. */
export function refText(node: EsNode | undefined): string | null {
  const value = unwrap(node);
  if (!value) return null;
  if (value.type === 'Identifier') return value.name;
  if (value.type === 'ThisExpression') return 'this';
  if (value.type !== 'MemberExpression') return null;
  const object = refText(value.object);
  if (!object) return null;
  if (!value.computed && value.property.type === 'Identifier') return `${object}.${value.property.name}`;
  if (value.computed && value.property.type === 'Literal' && typeof value.property.value === 'string')
    return `${object}.${value.property.value}`;
  return null;
}

/** Only the literal parts of a value: what a route shows when its names stay unknown. */
export function literalOf(expr: ValueExpr): string | undefined {
  return expr.every((part) => typeof part === 'string') ? expr.join('') : undefined;
}

/**
 * Named values of a top-level declaration: `const API = '/api'`, object literal properties
 * (`config.api.prefix`), aliases (`const cfg = config`), TS enums (`Routes.USERS`), static
 * class fields (`Config.PREFIX`).
 */
export function collectValues(name: string, init: EsNode | undefined, into: (key: string, value: ValueExpr) => void, depth = 0): void {
  const value = unwrap(init);
  if (!value || depth > 4) return;
  if (value.type === 'ObjectExpression') {
    for (const property of value.properties as EsNode[]) {
      if (property.type !== 'Property' || property.computed) continue;
      const key = nameOf(property.key);
      if (key) collectValues(`${name}.${key}`, property.value, into, depth + 1);
    }
    return;
  }
  const expr = esValue(value);
  if (expr) into(name, expr);
}

export function collectEnumValues(node: EsNode, into: (key: string, value: ValueExpr) => void): void {
  const name = node.id?.name as string | undefined;
  const members = (node.body?.members ?? node.members ?? []) as EsNode[];
  if (!name) return;
  for (const member of members) {
    const key = nameOf(member.id);
    const expr = member.initializer && esValue(member.initializer);
    if (key && expr) into(`${name}.${key}`, expr);
  }
}
