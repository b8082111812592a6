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
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return urlParts(node.expression, scope);
    case 'NewExpression':
      return newUrlParts(node, scope);
    case 'MemberExpression':
      // `new URL(path, base).href`
      return !node.computed && node.property?.name === 'href' && node.object.type === 'NewExpression'
        ? newUrlParts(node.object, scope)
        : null;
    case 'CallExpression':
      // `new URL(path, base).toString()`
      return node.callee.type === 'MemberExpression' &&
        node.callee.property?.name === 'toString' &&
        node.callee.object.type === 'NewExpression'
        ? newUrlParts(node.callee.object, scope)
        : null;
    default:
      return null;
  }
}

/** `new URL('/users', base)`: the path argument; a relative one (`users`) joins the base, of unknown path. */
function newUrlParts(node: EsNode, scope: UrlScope): UrlPart[] | null {
  if (node.callee.type !== 'Identifier' || node.callee.name !== 'URL') return null;
  const [path, base] = node.arguments as EsNode[];
  const parts = urlParts(path, scope) ?? (path ? valueParts(path, scope) : null);
  if (!parts) return null;
  const first = parts[0];
  if (base && first?.kind === 'text' && !/^(?:\/|[a-z][a-z0-9+.-]*:)/i.test(first.value)) {
    const baseParts = urlParts(base, scope) ?? valueParts(base, scope);
    return [...baseParts, { kind: 'text', value: '/' }, ...parts];
  }
  // An absolute path keeps the base's origin only: a literal one may be a third party's.
  const origin = base && first?.kind === 'text' && first.value.startsWith('/') ? urlParts(base, scope) : null;
  const host = origin?.[0]?.kind === 'text' ? /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(origin[0].value)?.[0] : undefined;
  return host ? [{ kind: 'text', value: host }, ...parts] : parts;
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
  return parseOwnUrl(text);
}

const LOCAL_HOSTS = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$/i;

/**
 * Origin, then path. The app's own server is internal: localhost and kin, with a port that may
 * be a value (`http://localhost:${port}`), or a host taken from a value (`http://${HOST}/x`).
 * Any other literal host is a third party's.
 */
function parseOwnUrl(text: string): { path: string; external: boolean } {
  const origin = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)/i.exec(text);
  if (!origin) return parseClientUrl(text);
  const host = (origin[1] ?? '').replace(/^[^@]*@/, '').replace(/:(?::?[A-Za-z_]\w*|\d+)$/, '');
  const external = host !== '' && !host.startsWith(':') && !LOCAL_HOSTS.test(host);
  return { path: parseClientUrl(text.slice(origin[0].length) || '/').path, external };
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
