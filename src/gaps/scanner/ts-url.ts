import { parseClientUrl } from './route-path.js';

/** A loosely typed ESTree node: the scanner reads a few fields of many node types. */
export interface EsNode {
  type: string;
  // The scanner reads a few fields of dozens of node types; `unknown` would need a guard per read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** A piece of a URL expression: literal text, a parameter of the enclosing function, or any other value. */
export type UrlPart = { kind: 'text'; value: string } | { kind: 'param'; name: string; index: number } | { kind: 'dynamic'; name: string };

export interface UrlScope {
  /** Module-level string constants of the file (`const API = '/api'`). */
  constants: Map<string, string>;
  /** Parameters of the innermost enclosing function, by name → position. */
  params: Map<string, number>;
}

/** Splits a URL expression (literal, template, concatenation, constant) into parts; null when it is not one. */
export function urlParts(node: EsNode | undefined, scope: UrlScope): UrlPart[] | null {
  if (!node) return null;
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [{ kind: 'text', value: node.value }] : null;
    case 'TemplateLiteral': {
      const parts: UrlPart[] = [];
      node.quasis.forEach((quasi: EsNode, i: number) => {
        parts.push({ kind: 'text', value: quasi.value.cooked ?? quasi.value.raw });
        const expression = node.expressions[i] as EsNode | undefined;
        if (expression) parts.push(...valueParts(expression, scope));
      });
      return parts;
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return null;
      const left = urlParts(node.left, scope) ?? valueParts(node.left, scope);
      const right = urlParts(node.right, scope) ?? valueParts(node.right, scope);
      return [...left, ...right];
    }
    case 'Identifier': {
      const constant = scope.constants.get(node.name);
      if (constant !== undefined) return [{ kind: 'text', value: constant }];
      const index = scope.params.get(node.name);
      return index === undefined ? null : [{ kind: 'param', name: node.name, index }];
    }
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return urlParts(node.expression, scope);
    default:
      return null;
  }
}

function valueParts(node: EsNode, scope: UrlScope): UrlPart[] {
  const known = node.type === 'Identifier' || node.type === 'Literal' ? urlParts(node, scope) : null;
  if (known) return known;
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return valueParts(node.expression, scope);
  return [{ kind: 'dynamic', name: valueName(node) }];
}

/** A readable parameter name for a dynamic value: `id` for `id`, `user.id`, `String(id)`, `encodeURIComponent(id)`. */
function valueName(node: EsNode): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.type === 'CallExpression' && node.arguments.length === 1) return valueName(node.arguments[0]);
  if (node.type === 'ChainExpression') return valueName(node.expression);
  return 'param';
}

/**
 * Renders parts as a client path. A value before the first `/` is the base URL from the
 * environment (`${API_URL}/users`) and is dropped; later values become `:name` parameters.
 * Returns null when nothing static is left (the URL is entirely dynamic).
 */
export function renderClientPath(parts: readonly UrlPart[]): { path: string; external: boolean } | null {
  let text = '';
  let sawText = false;
  for (const part of parts) {
    if (part.kind === 'text') {
      text += part.value;
      if (part.value) sawText = true;
    } else if (!sawText && text === '') {
      continue;
    } else {
      text += `:${part.name}`;
    }
  }
  if (!sawText || !/[/]/.test(text)) return null;
  if (!/^(?:\/|[a-z][a-z0-9+.-]*:\/\/|:)/i.test(text)) return null;
  if (text.startsWith(':') && !text.startsWith('://')) text = text.replace(/^:[A-Za-z_]\w*/, '');
  return parseClientUrl(text);
}

/** The static text before the first parameter of the enclosing function, or null if no parameter appears. */
export function wrapperPrefix(parts: readonly UrlPart[]): { prefix: string; param: number } | null {
  let prefix = '';
  for (const part of parts) {
    // `/api${path}` forwards a path; `/api/users/${id}` and `/x?id=${id}` only fill in a value.
    if (part.kind === 'param')
      return /[/?&=#]$|[?#]/.test(prefix) ? null : { prefix: parseClientUrl(prefix || '/').path.replace(/^\/$/, ''), param: part.index };
    if (part.kind === 'text') prefix += part.value;
    else if (prefix !== '') return null;
  }
  return null;
}
