import { memberText, propertyValue, unwrap } from './es-nodes.js';
import type { EsNode } from './ts-url.js';
import type { ValueExpr } from './types.js';
import { esValue } from './ts-values.js';

// Pure readers of server-registration nodes (chains, verbs, versions, mount arguments) for `TsServerScanner`.
const NOT_CHILDREN = new Set(['loc', 'range', 'parent']);
const PATH_LIKE = new Set(['Literal', 'TemplateLiteral', 'Identifier', 'MemberExpression', 'BinaryExpression', 'CallExpression']);

/** `a.b(x).c(y)` → the calls, innermost first, and what they are called on. */
export function flattenChain(init: EsNode): { calls: EsNode[]; base: EsNode } {
  const calls: EsNode[] = [];
  let current = unwrap(init) as EsNode;
  while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && !current.callee.computed) {
    calls.unshift(current);
    current = unwrap(current.callee.object) as EsNode;
  }
  return { calls, base: current };
}

export function onMethods(node: EsNode | undefined): string[] {
  const list = node?.type === 'ArrayExpression' ? (node.elements as EsNode[]) : node ? [node] : [];
  return list.filter((item) => item.type === 'Literal').map((item) => String(item.value).toUpperCase());
}

/** `'1'`, `['1', '2']`, `VERSION_NEUTRAL` (none). */
export function versionsOf(node: EsNode | undefined): string[] {
  const value = unwrap(node);
  if (!value) return [];
  if (value.type === 'ArrayExpression') return (value.elements as EsNode[]).flatMap((element) => versionsOf(element));
  if (value.type === 'Literal') return [String(value.value)];
  return [];
}

/** Identifiers, member names and strings under a node, as text (enough to recognise a static-file handler). */
export function sourceText(node: EsNode | undefined, depth = 0): string {
  if (!node || typeof node !== 'object' || depth > 12) return '';
  if (node.type === 'Identifier') return `${node.name} `;
  if (node.type === 'Literal') return `${String(node.value)} `;
  let text = '';
  for (const key in node) {
    if (NOT_CHILDREN.has(key)) continue;
    text += fieldText(node[key], depth + 1);
    if (text.length > 2000) break;
  }
  return text;
}

/** The text of one field of a node: a child node, a list of them, or nothing. */
export function fieldText(value: EsNode | EsNode[] | undefined, depth: number): string {
  if (Array.isArray(value)) return value.map((child) => sourceText(child, depth)).join('');
  return value && typeof value === 'object' && typeof value.type === 'string' ? sourceText(value, depth) : '';
}

/** The last name of a callee (`t.router` → `router`), or `''`. */
export function lastMember(callee: EsNode): string {
  return (memberText(callee) ?? '').split('.').pop() ?? '';
}

/** A first argument of `use` that can be a path (`API_PREFIX`, `` `${base}/x` ``), not a middleware function. */
export function isPathLike(first: EsNode | undefined): boolean {
  return Boolean(first) && PATH_LIKE.has((first as EsNode).type as string);
}

/** `{ prefix: config.prefix }` in `register(plugin, options)`. */
export function optionsPrefix(options: EsNode | undefined): ValueExpr | undefined {
  const prefix = propertyValue(options, 'prefix');
  return prefix ? esValue(prefix) : undefined;
}
