import type { RawCall } from './types.js';
import type { EsNode } from './ts-url.js';
import { unwrap } from './es-nodes.js';
import type { CallContext } from './ts-call-context.js';
import { honoClientCall, trpcCall, TRPC_MUTATIONS, TRPC_QUERIES, TRPC_VANILLA } from './ts-rpc-calls.js';
import { openApiCall, requestObjectCall, UPPER_VERBS, VERBS } from './ts-openapi-calls.js';
import { SWR_HOOKS, swrCall } from './ts-data-hook-calls.js';
import { aiChatTransport, browserCall, NAVIGATIONS } from './ts-browser-calls.js';

/**
 * Recognisers for the call constructs of client libraries that are not a plain
 * `fetch`/`axios.get(url)`: tRPC clients, Hono's typed client, RTK Query endpoints, generated
 * OpenAPI clients (hey-api, openapi-typescript-codegen, openapi-fetch, openapi-react-query) and
 * SWR keys. Each reads one CallExpression of an ESTree and returns the call it makes, or null.
 * Pure: the scanner passes what it knows of the file (constants, client instances).
 * This module is their entry point (which to try, in which order); each family has its own module.
 */

export type { CallContext } from './ts-call-context.js';
export { eachChild } from './ts-call-context.js';
export { honoClientCall, trpcCall } from './ts-rpc-calls.js';
export { openApiCall, requestObjectCall } from './ts-openapi-calls.js';
export { rtkApiCalls, rtkBaseUrl, rtkQueryEndpoints, swrCall, swrInfiniteCalls } from './ts-data-hook-calls.js';
export { aiChatTransport, browserCall } from './ts-browser-calls.js';

/** Callee names (an identifier, or a member's last property) that some recogniser reads. */
const RECOGNISED_NAMES = new Set([
  ...TRPC_QUERIES,
  ...TRPC_MUTATIONS,
  ...Object.keys(TRPC_VANILLA),
  ...UPPER_VERBS,
  ...VERBS,
  ...SWR_HOOKS,
  ...NAVIGATIONS,
  'open',
  'assign',
  'replace',
  'request',
  'useQuery',
  'useSuspenseQuery',
  'useInfiniteQuery',
  'useSuspenseInfiniteQuery',
  'useChat',
  'useCompletion',
  'useSWRInfinite',
  'fetchBaseQuery',
  'createApi',
  'injectEndpoints',
]);

/**
 * Whether any recogniser can read this call: most calls of a file (`res.json()`, `load(id)`)
 * are nothing to them, and telling so by the callee's name spares running each one.
 */
export function mayBeLibraryCall(node: EsNode): boolean {
  const callee = unwrap(node.callee);
  const name =
    callee?.type === 'Identifier'
      ? callee.name
      : callee?.type === 'MemberExpression' && !callee.computed
        ? callee.property.name
        : undefined;
  if (typeof name !== 'string') return false;
  if (RECOGNISED_NAMES.has(name) || name.startsWith('$')) return true;
  // `__request(OpenAPI, { method, url })`: any function given a request object.
  return callee?.type === 'Identifier' && (node.arguments as EsNode[]).some((arg) => arg.type === 'ObjectExpression');
}

/** The first recogniser that reads the call, or null. */
export function recognizeCall(node: EsNode, context: CallContext): RawCall | null {
  return (
    trpcCall(node, context) ??
    honoClientCall(node, context) ??
    openApiCall(node, context) ??
    requestObjectCall(node, context) ??
    swrCall(node, context) ??
    aiChatTransport(node, context) ??
    browserCall(node, context)
  );
}
