import type { Node } from 'web-tree-sitter';
import type { RawCall } from './types.js';
import { normalizeRoutePath } from './route-path.js';
import { renderClientPath, type UrlPart } from './ts-url.js';

/** Whether a Python file can hold an HTTP client call at all (the walk is skipped otherwise). */
export const PYTHON_CLIENT_HINT = /\b(?:requests|httpx|aiohttp|TestClient|test_client)\b/;

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const CLIENT_MODULES = new Set(['requests', 'httpx']);
/** Constructors of client objects whose verb methods are HTTP calls, and the keyword of their base URL. */
const CLIENT_FACTORIES: Record<string, string> = {
  Client: 'base_url',
  AsyncClient: 'base_url',
  Session: '',
  ClientSession: 'base_url',
  TestClient: 'base_url',
  test_client: '',
};

/**
 * HTTP calls of a Python UI, worker or test: `requests.get(url)`, `httpx.post(url)`,
 * `requests.request("GET", url)`, and verb calls on clients made in the file
 * (`httpx.Client(base_url=API)`, `requests.Session()`, `TestClient(app)`, `app.test_client()`),
 * assigned or bound by `with ... as client`. URLs are literals, f-strings, concatenations and
 * module constants; an origin from a value or localhost is the app's own server.
 */
export function pythonCalls(root: Node): RawCall[] {
  const constants = new Map<string, string>();
  for (const statement of root.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    const right = assignment?.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    const parts = urlParts(right, constants);
    if (parts?.every((part) => part.kind === 'text'))
      constants.set(left.text, parts.map((part) => (part.kind === 'text' ? part.value : '')).join(''));
  }
  const clients = new Map<string, string>();
  for (const node of root.descendantsOfType(['assignment', 'as_pattern'])) {
    if (!node) continue;
    const value = node.type === 'assignment' ? node.childForFieldName('right') : node.namedChildren[0];
    const target =
      node.type === 'assignment'
        ? node.childForFieldName('left')
        : node.namedChildren.find((child) => child?.type === 'as_pattern_target')?.namedChildren[0];
    const prefix = value && clientPrefix(value, constants);
    if (prefix !== null && prefix !== undefined && target && (target.type === 'identifier' || target.type === 'attribute'))
      clients.set(target.text, prefix);
  }
  const calls: RawCall[] = [];
  for (const call of root.descendantsOfType('call')) {
    const callee = call?.childForFieldName('function');
    if (!call || callee?.type !== 'attribute') continue;
    const owner = callee.childForFieldName('object')?.text ?? '';
    const member = callee.childForFieldName('attribute')?.text ?? '';
    const prefix = CLIENT_MODULES.has(owner) ? '' : clients.get(owner);
    if (prefix === undefined || (!VERBS.has(member) && member !== 'request')) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null);
    const positional = args.filter((arg) => arg.type !== 'keyword_argument');
    let method: string | null = VERBS.has(member) ? member.toUpperCase() : null;
    let urlNode = positional[0];
    if (member === 'request') {
      const verb = positional[0] ? urlParts(positional[0], constants) : null;
      method = verb?.length === 1 && verb[0]?.kind === 'text' ? verb[0].value.toUpperCase() : null;
      urlNode = positional[1];
    }
    urlNode ??= keyword(args, 'url');
    const parts = urlNode ? urlParts(urlNode, constants) : null;
    const rendered = parts && renderClientPath(relative(parts));
    if (!rendered) continue;
    const path =
      prefix && !rendered.external ? normalizeRoutePath(`${prefix}${rendered.path === '/' ? '' : rendered.path}`) : rendered.path;
    calls.push({ via: null, argIndex: 0, method, path, external: rendered.external, line: call.startPosition.row + 1 });
  }
  return calls;
}

/** The base path of a client constructor call (`''` for none), or null when the value is not one. */
function clientPrefix(value: Node, constants: Map<string, string>): string | null {
  if (value.type !== 'call') return null;
  const callee = value.childForFieldName('function');
  const name = callee?.type === 'attribute' ? (callee.childForFieldName('attribute')?.text ?? '') : (callee?.text ?? '');
  const owner = callee?.type === 'attribute' ? (callee.childForFieldName('object')?.text ?? '') : '';
  const keywordName = CLIENT_FACTORIES[name];
  if (keywordName === undefined) return null;
  if (name !== 'TestClient' && name !== 'test_client' && !CLIENT_MODULES.has(owner) && owner !== 'aiohttp') return null;
  const args = (value.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null);
  const base = keywordName ? keyword(args, keywordName) : undefined;
  const parts = base ? urlParts(base, constants) : null;
  if (!parts) return '';
  const rendered = renderClientPath([...parts, { kind: 'text', value: '/' }]);
  return rendered && rendered.path !== '/' ? rendered.path : '';
}

function keyword(args: readonly Node[], name: string): Node | undefined {
  for (const arg of args)
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg.childForFieldName('value') ?? undefined;
  return undefined;
}

/** A client with a base URL takes relative paths (`client.get("users")`). */
function relative(parts: UrlPart[]): UrlPart[] {
  const first = parts[0];
  return first?.kind === 'text' && /^[A-Za-z0-9_-]/.test(first.value) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first.value)
    ? [{ kind: 'text', value: '/' }, ...parts]
    : parts;
}

/** A Python URL expression as parts: strings, f-strings, `+`, module constants; other values are dynamic. */
function urlParts(node: Node, constants: Map<string, string>): UrlPart[] | null {
  switch (node.type) {
    case 'string': {
      const parts: UrlPart[] = [];
      for (const child of node.namedChildren) {
        if (child?.type === 'string_content') parts.push({ kind: 'text', value: child.text });
        else if (child?.type === 'interpolation') {
          const expression = child.namedChildren[0];
          const known = expression?.type === 'identifier' ? constants.get(expression.text) : undefined;
          parts.push(known !== undefined ? { kind: 'text', value: known } : { kind: 'dynamic', name: valueName(expression) });
        }
      }
      return parts.length > 0 ? parts : [{ kind: 'text', value: '' }];
    }
    case 'concatenated_string':
      return node.namedChildren.flatMap((child) => (child ? (urlParts(child, constants) ?? []) : []));
    case 'binary_operator': {
      if (node.childForFieldName('operator')?.text !== '+') return null;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return null;
      return [...valueParts(left, constants), ...valueParts(right, constants)];
    }
    case 'identifier': {
      const known = constants.get(node.text);
      return known === undefined ? null : [{ kind: 'text', value: known }];
    }
    case 'parenthesized_expression':
      return node.namedChildren[0] ? urlParts(node.namedChildren[0], constants) : null;
    default:
      return null;
  }
}

function valueParts(node: Node, constants: Map<string, string>): UrlPart[] {
  return urlParts(node, constants) ?? [{ kind: 'dynamic', name: valueName(node) }];
}

/** `uid` for `uid`, `user.id` → `id`, `str(uid)` → `uid`. */
function valueName(node: Node | null | undefined): string {
  if (!node) return 'param';
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text ?? 'param';
  if (node.type === 'call') {
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    return args.length === 1 ? valueName(args[0]) : 'param';
  }
  return 'param';
}
