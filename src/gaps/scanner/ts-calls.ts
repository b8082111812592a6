import type { RawCall } from './types.js';
import { normalizeRoutePath } from './route-path.js';
import { renderClientPath, urlParts, type EsNode, type UrlScope } from './ts-url.js';
import { memberText, nameOf, propertyValue, unwrap } from './es-nodes.js';

/**
 * Recognisers for the call constructs of client libraries that are not a plain
 * `fetch`/`axios.get(url)`: tRPC clients, Hono's typed client, RTK Query endpoints, generated
 * OpenAPI clients (hey-api, openapi-typescript-codegen, openapi-fetch, openapi-react-query) and
 * SWR keys. Each reads one CallExpression of an ESTree and returns the call it makes, or null.
 * Pure: the scanner passes what it knows of the file (constants, client instances).
 */
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

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const TRPC_QUERIES = new Set([
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
const TRPC_MUTATIONS = new Set(['useMutation', 'mutationOptions']);
/** The vanilla client's verbs: only in a file that mentions tRPC (`pool.query` is SQL). */
const TRPC_VANILLA: Record<string, string> = { query: 'GET', mutate: 'POST', subscribe: 'GET' };
/** Roots that are tRPC's cache helpers (`api.useUtils()`), not calls to the server. */
const TRPC_HELPERS = /^(?:utils|ctx|context|queryClient|trpcUtils|apiUtils|helpers|ssg)$/;
const SWR_HOOKS = new Set(['useSWR', 'useSWRImmutable', 'useSWRMutation', 'useFetch', 'useLazyFetch']);
/** Calls that send the browser to a URL: `window.open`, `location.assign`, Next.js `redirect()`. */
const NAVIGATIONS = new Set([
  'window.open',
  'location.assign',
  'window.location.assign',
  'window.location.replace',
  'redirect',
  'permanentRedirect',
]);
const UPPER_VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

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

/**
 * Vercel AI SDK: `new DefaultChatTransport({ api: '/api/chat' })` and `useChat({ api })`,
 * `useCompletion({ api })` POST to their `api` (`useChat()` without one posts to `/api/chat`).
 */
export function aiChatTransport(node: EsNode, context: CallContext): RawCall | null {
  const callee = unwrap(node.callee);
  const name = callee?.type === 'Identifier' ? (callee.name as string) : '';
  const options = node.arguments[0] as EsNode | undefined;
  const transport = node.type === 'NewExpression' && /^(?:Default|Text)ChatTransport$/.test(name);
  const hook = node.type === 'CallExpression' && (name === 'useChat' || name === 'useCompletion');
  if (!transport && !hook) return null;
  const api = propertyValue(options, 'api');
  if (!api && (transport || propertyValue(options, 'transport'))) return null;
  const rendered = api ? renderUrl(api, context) : { path: name === 'useCompletion' ? '/api/completion' : '/api/chat', external: false };
  if (!rendered) return null;
  return { via: null, argIndex: 0, method: 'POST', path: rendered.path, external: rendered.external, line: context.line(api ?? node) };
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
 * Navigations and streams the browser makes to the app's server: `window.open(url)`,
 * `new EventSource(url)`, `window.location.href = url`, `location.assign(url)`, JSX
 * `<a href="/api/login">`. They credit an endpoint when one serves the path, and are never an
 * unserved call (a link to a page of the SPA is not an API call), hence `soft`.
 */
export function browserCall(node: EsNode, context: CallContext): RawCall | null {
  if (node.type === 'NewExpression' && !STREAMS.has(node.callee.name)) return aiChatTransport(node, context);
  const urlNode = navigationUrl(node);
  const rendered = urlNode ? renderUrl(urlNode, context) : null;
  if (!rendered || rendered.external) return null;
  return { via: null, argIndex: 0, method: 'GET', path: rendered.path, external: false, line: context.line(node), soft: true };
}

const STREAMS = new Set(['EventSource', 'WebSocket']);
const LOCATIONS = new Set(['window.location.href', 'location.href', 'window.location', 'document.location.href']);

/** The URL a navigation, stream or link goes to; undefined when the node is none of them. */
function navigationUrl(node: EsNode): EsNode | undefined {
  switch (node.type) {
    case 'CallExpression':
      return NAVIGATIONS.has(memberText(unwrap(node.callee)) ?? '') ? node.arguments[0] : undefined;
    case 'NewExpression':
      return node.arguments[0];
    case 'AssignmentExpression':
      return LOCATIONS.has(memberText(node.left) ?? '') ? node.right : undefined;
    case 'JSXAttribute':
      if (node.name?.name !== 'href') return undefined;
      return node.value?.type === 'JSXExpressionContainer' ? node.value.expression : node.value;
    default:
      return undefined;
  }
}

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

/**
 * openapi-fetch `GET('/items/{id}')` and `client.GET(...)`; openapi-react-query
 * `$api.useQuery('get', '/items/{id}')`.
 */
export function openApiCall(node: EsNode, context: CallContext): RawCall | null {
  const callee = unwrap(node.callee) as EsNode;
  const args = node.arguments as EsNode[];
  const name =
    callee.type === 'Identifier'
      ? (callee.name as string)
      : callee.type === 'MemberExpression' && !callee.computed
        ? nameOf(callee.property)
        : '';
  let method: string | undefined;
  let urlNode: EsNode | undefined;
  if (UPPER_VERBS.has(name)) {
    method = name;
    urlNode = args[0];
  } else if (/^(?:use(?:Suspense)?(?:Infinite)?Query|useMutation|queryOptions)$/.test(name) && callee.type === 'MemberExpression') {
    const verb = args[0]?.type === 'Literal' ? String(args[0].value) : '';
    if (!VERBS.has(verb)) return null;
    method = verb.toUpperCase();
    urlNode = args[1];
  } else return null;
  const rendered = renderUrl(urlNode, context);
  if (!rendered) return null;
  const owner = callee.type === 'MemberExpression' ? memberText(callee.object) : null;
  const client = owner ? context.clients.get(owner) : undefined;
  const path = client && !rendered.external ? joinPrefix(client.prefix, rendered.path) : rendered.path;
  const via = !client && owner && context.imported.has(owner.split('.')[0] as string) ? owner : null;
  return { via, argIndex: 0, method, path, external: rendered.external || Boolean(client?.external), line: context.line(node) };
}

/**
 * A request described by an object with a literal `url`: hey-api's
 * `(options.client ?? client).get({ url: '/api/v1/items/' })` and openapi-typescript-codegen's
 * `__request(OpenAPI, { method: 'GET', url: '/api/v1/items/{id}' })`.
 */
export function requestObjectCall(node: EsNode, context: CallContext): RawCall | null {
  const callee = unwrap(node.callee) as EsNode;
  const args = node.arguments as EsNode[];
  const member = callee.type === 'MemberExpression';
  const verb = member && !callee.computed ? nameOf(callee.property) : '';
  // A local client's own calls (`api({ url })`) are the scanner's, with its prefix; `route({ url, handler })` is a route.
  if ((member && !VERBS.has(verb)) || context.clients.has(memberText(member ? callee.object : callee) ?? '')) return null;
  for (const arg of args.slice(0, 2)) {
    if (arg.type !== 'ObjectExpression' || propertyValue(arg, 'handler')) continue;
    const urlNode = propertyValue(arg, 'url');
    const rendered = urlNode && (urlNode.type === 'Literal' || urlNode.type === 'TemplateLiteral') ? renderUrl(urlNode, context) : null;
    if (!rendered) continue;
    const method = VERBS.has(verb) ? verb.toUpperCase() : literalMethod(propertyValue(arg, 'method'));
    if (!method || !UPPER_VERBS.has(method)) continue;
    return { via: null, argIndex: 0, method, path: rendered.path, external: rendered.external, line: context.line(node) };
  }
  return null;
}

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

/** The values a function body returns, not looking into nested functions. */
function returnedValues(block: EsNode): EsNode[] {
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
function truthyBranch(node: EsNode | undefined): EsNode | undefined {
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
function literalMethod(node: EsNode | undefined): string | null {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value.toUpperCase() : null;
}

/** Identifier names of a member chain `a.b.c`, through optional chaining; null when any link is computed or a call. */
function memberChain(node: EsNode | undefined): string[] | null {
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
function renderUrl(node: EsNode | undefined, context: CallContext, relative = false): { path: string; external: boolean } | null {
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

function joinPrefix(prefix: string, path: string): string {
  return normalizeRoutePath(`${prefix}${path === '/' ? '' : path}`);
}
