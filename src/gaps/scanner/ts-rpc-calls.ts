import type { RawCall } from './types.js';
import { normalizeRoutePath } from './route-path.js';
import type { EsNode } from './ts-url.js';
import { nameOf, unwrap } from './es-nodes.js';
import { joinPrefix, memberChain, type CallContext } from './ts-call-context.js';

// Typed RPC clients, whose calls are member chains rather than URLs: tRPC procedures and Hono's client.
export const TRPC_QUERIES = new Set([
  'useQuery',
  'useSuspenseQuery',
  'useInfiniteQuery',
  'useSuspenseInfiniteQuery',
  'usePrefetchQuery',
  'usePrefetchInfiniteQuery',
  'useSubscription',
  'queryOptions',
  'infiniteQueryOptions',
  'subscriptionOptions',
]);
export const TRPC_MUTATIONS = new Set(['useMutation', 'mutationOptions']);
/** The vanilla client's verbs: only in a file that mentions tRPC (`pool.query` is SQL). */
export const TRPC_VANILLA: Record<string, string> = { query: 'GET', mutate: 'POST', subscribe: 'GET' };
/** Roots that are tRPC's cache helpers (`api.useUtils()`), not calls to the server. */
export const TRPC_HELPERS = /^(?:utils|ctx|context|queryClient|trpcUtils|apiUtils|helpers|ssg)$/;

/** `api.post.byId.useQuery()`, `trpc.post.add.useMutation()`, `client.post.create.mutate()`, `trpc.post.list.queryOptions()`. */
export function trpcCall(node: EsNode, context: CallContext): RawCall | null {
  const chain = memberChain(node.callee);
  if (!chain || chain.length < 3) return null;
  const hook = chain[chain.length - 1] as string;
  const method = TRPC_QUERIES.has(hook) ? 'GET' : TRPC_MUTATIONS.has(hook) ? 'POST' : context.trpc ? TRPC_VANILLA[hook] : undefined;
  if (!method) return null;
  const [root, ...rest] = chain.slice(0, -1) as [string, ...string[]];
  if (TRPC_HELPERS.test(root) || rest.some((part) => part === 'useUtils' || part === 'useContext' || part.startsWith('$'))) return null;
  const procedure = rest.join('.');
  return {
    via: null,
    argIndex: 0,
    method,
    path: `/trpc/${procedure}`,
    external: false,
    line: context.line(node),
    procedure,
  };
}

/** Hono's typed client: `client.api.expenses.$get()`, `api.expenses[':id'].$delete({ param })`. */
export function honoClientCall(node: EsNode, context: CallContext): RawCall | null {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
  const verb = /^\$(get|post|put|patch|delete|head|options)$/.exec(callee.property.name as string)?.[1];
  if (!verb) return null;
  const segments: string[] = [];
  let object = unwrap(callee.object);
  while (object?.type === 'MemberExpression') {
    const segment = object.computed ? (object.property.type === 'Literal' ? String(object.property.value) : null) : nameOf(object.property);
    if (segment === null || segment === '') return null;
    segments.unshift(segment === 'index' ? '' : segment.replace(/^(:\w+)\{.*\}$/, '$1'));
    object = unwrap(object.object);
  }
  if (object?.type !== 'Identifier') return null;
  const root = object.name as string;
  const path = normalizeRoutePath(`/${segments.join('/')}`);
  const client = context.clients.get(root);
  const line = context.line(node);
  if (client)
    return { via: null, argIndex: 0, method: verb.toUpperCase(), path: joinPrefix(client.prefix, path), external: client.external, line };
  return { via: context.imported.has(root) ? root : null, argIndex: 0, method: verb.toUpperCase(), path, external: false, line };
}
