import { normalizeRoutePath } from './route-path.js';
import { renderClientPath, urlParts, type EsNode, type UrlScope } from './ts-url.js';
import { unwrap } from './es-nodes.js';

// What every call recogniser shares: the file's context, a subtree walk, and URL rendering.

export interface CallContext {
  constants: Map<string, string>;
  /** Local names of HTTP clients (axios/ky/hc instances) → base path. */
  clients: ReadonlyMap<string, { prefix: string; external: boolean }>;
  /** Names imported into the file (a call through one is resolved by the linker). */
  imported: ReadonlySet<string>;
  /** The file mentions tRPC: `.query()`/`.mutate()` chains are tRPC procedure calls. */
  trpc: boolean;
  line: (node: EsNode) => number;
}

/** The values a function body returns, not looking into nested functions. */
export function returnedValues(block: EsNode): EsNode[] {
  const found: EsNode[] = [];
  const visit = (node: EsNode): void => {
    if (node.type === 'ReturnStatement') {
      if (node.argument) found.push(node.argument);
    } else if (!/Function/.test(node.type)) eachChild(node, visit);
  };
  for (const statement of block.body as EsNode[]) visit(statement);
  return found;
}

/** `id ? \`/api/x/${id}\` : null` → the branch that is not null (an SWR key that waits for a value). */
export function truthyBranch(node: EsNode | undefined): EsNode | undefined {
  const value = unwrap(node);
  if (value?.type !== 'ConditionalExpression') return value;
  return value.consequent.type === 'Literal' && value.consequent.value === null ? value.alternate : value.consequent;
}

/** Calls `visit` on every child node (a small walk for the recognisers that read a subtree). */
export function eachChild(node: EsNode, visit: (child: EsNode) => void): void {
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string') visit(child);
    } else if (value && typeof value.type === 'string') visit(value);
  }
}

/** `'PATCH'` for a literal method, null otherwise. */
export function literalMethod(node: EsNode | undefined): string | null {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value.toUpperCase() : null;
}

/** Identifier names of a member chain `a.b.c`, through optional chaining; null when any link is computed or a call. */
export function memberChain(node: EsNode | undefined): string[] | null {
  const parts: string[] = [];
  let current = unwrap(node);
  while (current?.type === 'MemberExpression') {
    if (current.computed || current.property.type !== 'Identifier') return null;
    parts.unshift(current.property.name as string);
    current = unwrap(current.object);
  }
  if (current?.type !== 'Identifier') return null;
  parts.unshift(current.name as string);
  return parts;
}

/** A URL expression rendered as a path; `relative` accepts `users/me` as `/users/me` (RTK Query joins it to its base URL). */
export function renderUrl(node: EsNode | undefined, context: CallContext, relative = false): { path: string; external: boolean } | null {
  const scope: UrlScope = { constants: context.constants, params: new Map() };
  const parts = urlParts(unwrap(node), scope);
  if (!parts) return null;
  if (relative) {
    const first = parts[0];
    if (first?.kind === 'text' && /^[A-Za-z0-9_-]/.test(first.value) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first.value))
      return renderClientPath([{ kind: 'text', value: '/' }, ...parts]);
  }
  return renderClientPath(parts);
}

export function joinPrefix(prefix: string, path: string): string {
  return normalizeRoutePath(`${prefix}${path === '/' ? '' : path}`);
}
