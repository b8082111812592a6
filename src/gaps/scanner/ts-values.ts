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
  if (!value) return undefined;
  switch (value.type) {
    case 'Literal':
      return typeof value.value === 'string' || typeof value.value === 'number' ? [String(value.value)] : undefined;
    case 'TemplateLiteral': {
      const parts: ValueExpr = [];
      const quasis = value.quasis as EsNode[];
      const expressions = value.expressions as EsNode[];
      for (let i = 0; i < quasis.length; i++) {
        const text = (quasis[i] as EsNode).value.cooked ?? (quasis[i] as EsNode).value.raw;
        if (text) parts.push(text);
        if (i < expressions.length) {
          const inner = esValue(expressions[i]);
          if (!inner) return undefined;
          parts.push(...inner);
        }
      }
      return parts;
    }
    case 'BinaryExpression': {
      if (value.operator !== '+') return undefined;
      const left = esValue(value.left);
      const right = esValue(value.right);
      return left && right ? [...left, ...right] : undefined;
    }
    case 'LogicalExpression': {
      // `process.env.API_PREFIX ?? '/api'`: the environment is unknown here, the default is what the code says.
      if (value.operator !== '??' && value.operator !== '||') return undefined;
      return refText(value.left)?.startsWith('process.env.') || refText(value.left)?.startsWith('import.meta.env.')
        ? esValue(value.right)
        : undefined;
    }
    case 'Identifier':
      return value.name === 'undefined' ? undefined : [{ ref: value.name }];
    case 'MemberExpression': {
      const text = refText(value);
      if (!text || text.startsWith('process.env.') || text.startsWith('import.meta.')) return undefined;
      return [{ ref: text }];
    }
    case 'CallExpression': {
      const callee = refText(value.callee);
      if (!callee || !JOINS.test(callee)) return undefined;
      const parts: ValueExpr = [];
      for (const [index, argument] of (value.arguments as EsNode[]).entries()) {
        const inner = esValue(argument);
        if (!inner) return undefined;
        if (index > 0) parts.push('/');
        parts.push(...inner);
      }
      return parts;
    }
    default:
      return undefined;
  }
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
