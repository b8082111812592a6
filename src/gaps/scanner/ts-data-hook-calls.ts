import type { RawCall } from './types.js';
import type { EsNode } from './ts-url.js';
import { memberText, nameOf, propertyValue, unwrap } from './es-nodes.js';
import { eachChild, joinPrefix, renderUrl, returnedValues, truthyBranch, type CallContext } from './ts-call-context.js';

// Data-fetching hook libraries whose URL is a cache key or an endpoint definition: SWR/Nuxt and RTK Query.
export const SWR_HOOKS = new Set(['useSWR', 'useSWRImmutable', 'useSWRMutation', 'useFetch', 'useLazyFetch']);

/** `useSWR('/api/user', fetcher)`, `useSWR(\`/api/items/${id}\`)`, Nuxt `useFetch('/api/x', { method })`. */
export function swrCall(node: EsNode, context: CallContext): RawCall | null {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'Identifier' || !SWR_HOOKS.has(callee.name)) return null;
  const args = node.arguments as EsNode[];
  // `useSWR(id ? `/api/x/${id}` : null)`: the key of the truthy branch.
  const rendered = renderUrl(truthyBranch(args[0]), context);
  if (!rendered) return null;
  const methodNode = propertyValue(args[1], 'method');
  const method =
    methodNode?.type === 'Literal'
      ? String(methodNode.value).toUpperCase()
      : callee.name === 'useSWRMutation'
        ? null
        : methodNode
          ? null
          : 'GET';
  return { via: null, argIndex: 0, method, path: rendered.path, external: rendered.external, line: context.line(node) };
}

/**
 * `useSWRInfinite(getKey, fetcher)`: the URLs `getKey` returns are GETs. `keyFunction` gives the
 * node of a function of this file by name.
 */
export function swrInfiniteCalls(node: EsNode, context: CallContext, keyFunction: (name: string) => EsNode | undefined): RawCall[] {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'Identifier' || callee.name !== 'useSWRInfinite') return [];
  const key = unwrap(node.arguments[0] as EsNode | undefined);
  const fn = key?.type === 'Identifier' ? keyFunction(key.name) : key;
  if (!fn || !/Function/.test(fn.type)) return [];
  const values = fn.body.type === 'BlockStatement' ? returnedValues(fn.body) : [fn.body];
  const calls: RawCall[] = [];
  for (const value of values) {
    const rendered = renderUrl(truthyBranch(value), context);
    if (rendered)
      calls.push({ via: null, argIndex: 0, method: 'GET', path: rendered.path, external: rendered.external, line: context.line(value) });
  }
  return calls;
}

/**
 * RTK Query: the endpoints of `createApi({ baseQuery, endpoints })` and of
 * `apiSlice.injectEndpoints({ endpoints })`. Paths are relative to `fetchBaseQuery({ baseUrl })`:
 * the file's own (`baseUrl`, as a path), or the imported slice's, which the linker adds (`via`).
 */
export function rtkApiCalls(node: EsNode, context: CallContext, baseUrl: string | undefined): RawCall[] {
  const callee = unwrap(node.callee);
  const inject = callee?.type === 'MemberExpression' && !callee.computed && nameOf(callee.property) === 'injectEndpoints';
  if (!inject && !(callee?.type === 'Identifier' && callee.name === 'createApi')) return [];
  const endpoints = propertyValue(node.arguments[0], 'endpoints');
  if (!endpoints) return [];
  const owner = inject ? memberText(callee.object) : null;
  const via = owner && !context.clients.has(owner) && context.imported.has(owner.split('.')[0] as string) ? owner : null;
  const prefix = owner && context.clients.has(owner) ? (context.clients.get(owner)?.prefix ?? '') : via ? '' : (baseUrl ?? '');
  const calls: RawCall[] = [];
  const visit = (current: EsNode): void => {
    const found = current.type === 'CallExpression' ? rtkQueryEndpoints(current, context) : [];
    for (const call of found) calls.push({ ...call, via, path: call.external ? call.path : joinPrefix(prefix, call.path) });
    if (found.length === 0) eachChild(current, visit);
  };
  visit(endpoints);
  return calls;
}

/** `fetchBaseQuery({ baseUrl: 'http://localhost:3000/api/' })` → `/api`; undefined when the call is not one. */
export function rtkBaseUrl(node: EsNode, context: CallContext): string | undefined {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'Identifier' || callee.name !== 'fetchBaseQuery') return undefined;
  const rendered = renderUrl(propertyValue(node.arguments[0], 'baseUrl'), context);
  return rendered && !rendered.external && rendered.path !== '/' ? rendered.path : '';
}

/**
 * RTK Query: `builder.query({ query: () => 'auth/me' })`, `builder.mutation({ query: (body) => ({ url: 'users', method: 'PATCH', body }) })`.
 * A `query` with several `return`s (a FormData branch and a JSON one) makes one call per return.
 * The base URL lives in `fetchBaseQuery({ baseUrl })`: paths are taken as written here.
 */
export function rtkQueryEndpoints(node: EsNode, context: CallContext): RawCall[] {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'MemberExpression' || callee.computed || !['query', 'mutation', 'infiniteQuery'].includes(nameOf(callee.property)))
    return [];
  const query = unwrap(propertyValue(node.arguments[0] as EsNode | undefined, 'query'));
  if (!query) return [];
  const results = /Function/.test(query.type)
    ? query.body.type === 'BlockStatement'
      ? returnedValues(query.body)
      : [query.body]
    : [query];
  const calls: RawCall[] = [];
  for (const value of results) {
    const result = unwrap(value);
    const urlNode = result?.type === 'ObjectExpression' ? propertyValue(result, 'url') : result;
    const rendered = renderUrl(urlNode, context, true);
    if (!rendered) continue;
    const methodNode = result?.type === 'ObjectExpression' ? propertyValue(result, 'method') : undefined;
    const method = methodNode?.type === 'Literal' ? String(methodNode.value).toUpperCase() : methodNode ? null : 'GET';
    const line = context.line(results.length > 1 && urlNode ? urlNode : query);
    calls.push({ via: null, argIndex: 0, method, path: rendered.path, external: rendered.external, line });
  }
  return calls;
}
