import { memberText, unwrap } from './es-nodes.js';
import type { EsNode } from './ts-url.js';
import type { ValueExpr } from './types.js';

// tRPC as the server scanner reads it: router factories, merges, request handlers, procedure kinds.
export const TRPC_ROUTER = /^(?:router|createTRPCRouter|createRouter|createTrpcRouter)$/;
export const TRPC_MERGE = /^(?:mergeRouters|mergeTRPCRouters)$/;
export const TRPC_HANDLERS = new Set([
  'createNextApiHandler',
  'fetchRequestHandler',
  'createExpressMiddleware',
  'createHTTPHandler',
  'createHTTPServer',
  'trpcServer',
  'nodeHTTPRequestHandler',
]);
export const TRPC_KINDS: Record<string, string> = { query: 'GET', mutation: 'POST', subscription: 'GET' };

/** `publicProcedure.input(x).query(fn)` → `query`. */
export function procedureKind(node: EsNode): string | null {
  let current = unwrap(node) as EsNode | undefined;
  while (current?.type === 'CallExpression' && current.callee.type === 'MemberExpression') {
    const property = current.callee.property.name as string | undefined;
    if (property && property in TRPC_KINDS) return property;
    current = unwrap(current.callee.object);
  }
  return null;
}

/** The URL folder of a Next.js route file (`pages/api/trpc/[trpc].ts` → `/api/trpc`), or null. */
export function nextRouteDir(path: string): string | null {
  const match = /^(?:.*\/)?(?:src\/)?(?:pages|app)\/(.*)$/.exec(path);
  if (!match) return null;
  const segments = (match[1] as string).split('/').slice(0, -1);
  if (/^route\./.test(path.split('/').pop() ?? '')) segments.pop();
  const kept = segments.filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith('@'));
  return `/${kept.join('/')}`;
}

export function trimStar(path: ValueExpr): ValueExpr {
  const last = path[path.length - 1];
  if (typeof last === 'string' && /\/?\*$/.test(last)) return [...path.slice(0, -1), last.replace(/\/?\*$/, '')];
  return path;
}

/** `createTRPCRouter({...})`, `t.router({...})`: named as tRPC whatever the entries are. */
export function isTrpcFactory(init: EsNode, callee: string): boolean {
  return callee === 'createTRPCRouter' || (memberText(init.callee) ?? '').endsWith('.router');
}
