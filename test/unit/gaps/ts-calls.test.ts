import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '@typescript-eslint/typescript-estree';
import {
  browserCall,
  eachChild,
  recognizeCall,
  rtkApiCalls,
  rtkBaseUrl,
  swrInfiniteCalls,
  type CallContext,
} from '../../../src/gaps/scanner/ts-calls.js';
import type { RawCall } from '../../../src/gaps/scanner/types.js';
import { renderClientPath, urlParts, type EsNode } from '../../../src/gaps/scanner/ts-url.js';

function describe(call: RawCall): string {
  const notes = [
    call.via && `via ${call.via}`,
    call.procedure && `procedure ${call.procedure}`,
    call.external && 'external',
    call.soft && 'soft',
  ];
  return [call.method ?? '*', call.path, ...notes.filter(Boolean), `@${call.line}`].join(' ');
}

/** Every call the recognisers read in `code`, as `METHOD path [via x] [procedure p] @line`. */
let keyFunction: EsNode | undefined;

function calls(code: string, extra: Partial<CallContext> = {}, functions?: (name: string) => EsNode | undefined): string[] {
  const program = parse(code, { loc: true, jsx: true }) as unknown as EsNode;
  keyFunction = (program.body as EsNode[]).find((statement) => statement.type === 'FunctionDeclaration');
  const context: CallContext = {
    constants: new Map(),
    clients: new Map(),
    imported: new Set(),
    trpc: /trpc/i.test(code),
    line: (node) => node.loc?.start.line ?? 0,
    ...extra,
  };
  const found: string[] = [];
  let base: string | undefined;
  const walk = (node: EsNode): void => {
    const seen =
      node.type === 'CallExpression'
        ? [
            recognizeCall(node, context),
            ...rtkApiCalls(node, context, base),
            ...swrInfiniteCalls(node, context, functions ?? (() => undefined)),
          ]
        : [browserCall(node, context)];
    if (node.type === 'CallExpression') base = rtkBaseUrl(node, context) ?? base;
    for (const call of seen) if (call) found.push(describe(call));
    eachChild(node, walk);
  };
  walk(program);
  return found;
}

test('tRPC: react hooks, vanilla client, v11 options; cache helpers are not calls', () => {
  assert.equal(
    calls(
      [
        "import { api } from '~/trpc/react';",
        'const list = api.post.list.useInfiniteQuery({ limit: 5 });',
        'const add = trpc.post.add.useMutation();',
        'await client.admin.user.remove.mutate({ id });',
        'const one = await client.post.byId.query({ id });',
        'const utils = api.useUtils();',
        'utils.post.list.invalidate();',
        'useQuery(trpc.post.byId.queryOptions({ id }));',
        'api.post.list.useSuspenseQuery();',
      ].join('\n'),
    ),
    [
      'GET /trpc/post.list procedure post.list @2',
      'POST /trpc/post.add procedure post.add @3',
      'POST /trpc/admin.user.remove procedure admin.user.remove @4',
      'GET /trpc/post.byId procedure post.byId @5',
      'GET /trpc/post.byId procedure post.byId @8',
      'GET /trpc/post.list procedure post.list @9',
    ],
  );
  // Without tRPC in the file, `.query()` is someone else's (SQL, a search index).
  assert.equal(calls('db.users.active.query(sql);'), []);
});

test('Hono typed client: path from the property chain, a local hc instance gives the prefix', () => {
  const clients = new Map([['client', { prefix: '', external: false }]]);
  assert.equal(
    calls(
      [
        'client.api.expenses.$get();',
        "api.expenses[':id{[0-9]+}'].$delete({ param: { id } });",
        "api.expenses['total-spent'].$get();",
        'client.api.index.$post({ json });',
      ].join('\n'),
      { clients, imported: new Set(['api']) },
    ),
    ['GET /api/expenses @1', 'DELETE /expenses/:id via api @2', 'GET /expenses/total-spent via api @3', 'POST /api @4'],
  );
});

test('generated OpenAPI clients: hey-api, openapi-typescript-codegen, openapi-fetch, openapi-react-query', () => {
  assert.equal(
    calls(
      [
        "(options.client ?? client).get({ url: '/api/v1/items/', ...options });",
        "(options?.client ?? _heyApiClient).delete<R>({ security: [], url: '/api/v1/items/{id}', ...options });",
        "__request(OpenAPI, { method: 'PUT', url: '/api/v1/users/{user_id}', path: { user_id: data.userId } });",
        "const { data } = await GET('/items/{id}', { params: { path: { id } } });",
        "await client.POST('/items', { body });",
        "$api.useQuery('get', '/pets/{petId}', { params });",
        "track({ url: '/not-a-call' });",
      ].join('\n'),
    ),
    [
      'GET /api/v1/items @1',
      'DELETE /api/v1/items/:id @2',
      'PUT /api/v1/users/:user_id @3',
      'GET /items/:id @4',
      'POST /items @5',
      'GET /pets/:petId @6',
    ],
  );
});

test('RTK Query: createApi with its own base URL, injectEndpoints through an imported slice', () => {
  assert.equal(
    calls(
      [
        "const baseQuery = fetchBaseQuery({ baseUrl: 'http://localhost:3000/api/' });",
        'export const apiSlice = createApi({',
        '  baseQuery,',
        '  endpoints: (builder) => ({',
        "    me: builder.query({ query: () => 'auth/me' }),",
        '  }),',
        '});',
        'export const postsApi = apiSlice2.injectEndpoints({',
        '  endpoints: (build) => ({',
        '    update: build.mutation({',
        '      query: ({ id, ...body }) => ({',
        '        url: `/posts/${id}`,',
        "        method: 'PATCH',",
        '      }),',
        '    }),',
        '  }),',
        '});',
      ].join('\n'),
      { imported: new Set(['apiSlice2']) },
    ),
    ['GET /api/auth/me @5', 'PATCH /posts/:id via apiSlice2 @11'],
  );
});

test('navigations and streams are soft GET calls; third-party ones are not calls', () => {
  assert.equal(
    calls(
      [
        "window.open(import.meta.env.VITE_BE_URL + '/auth/login/google', '_self');",
        'const source = new EventSource(`http://localhost:3000/api/notifications/sse?token=${token}`);',
        "window.location.href = 'http://localhost:3000/api/auth/google';",
        'const link = <a href="/api/login">Login</a>;',
        'const out = <a href="https://github.com/x">x</a>;',
      ].join('\n'),
    ),
    ['GET /auth/login/google soft @1', 'GET /api/notifications/sse soft @2', 'GET /api/auth/google soft @3', 'GET /api/login soft @4'],
  );
});

test('AI SDK transports and hooks, SWR infinite key functions, Next.js redirect', () => {
  assert.equal(
    calls(
      [
        "useChat({ transport: new DefaultChatTransport({ api: '/api/chat', fetch: f }) });",
        'useChat();',
        "useCompletion({ api: '/api/complete' });",
        'function getKey(index, previous) {',
        '  if (index === 0) return `/api/history?limit=${LIMIT}`;',
        '  if (!previous) return null;',
        '  return `/api/history?ending_before=${previous.id}`;',
        '}',
        'useSWRInfinite(getKey, fetcher);',
        'useSWRInfinite((index) => `/api/pages/${index}`, fetcher);',
        "redirect('/api/auth/guest');",
        'new Worker(url);',
      ].join('\n'),
      {},
      (name) => (name === 'getKey' ? keyFunction : undefined),
    ),
    [
      'POST /api/chat @1',
      'POST /api/chat @2',
      'POST /api/complete @3',
      'GET /api/history @5',
      'GET /api/history @7',
      'GET /api/pages/:index @10',
      'GET /api/auth/guest soft @11',
    ],
  );
});

test('SWR and Nuxt keys; RTK Query endpoints with relative paths and methods', () => {
  assert.equal(
    calls(
      [
        "useSWR('/api/user', fetcher);",
        'useSWR(id ? `/api/items/${id}` : null, fetcher);',
        "useFetch('/api/todos', { method: 'POST' });",
        'createApi({ endpoints: (builder) => ({',
        '  a: builder.mutation({',
        '    query: (dto) => ({',
        "      url: 'users/me',",
        "      method: 'PATCH',",
        '      body: dto,',
        '    }),',
        '  }),',
        '  b: builder.query({ query: (id) => { return `/posts/${id}`; } }),',
        '}) });',
      ].join('\n'),
    ),
    ['GET /api/user @1', 'GET /api/items/:id @2', 'POST /api/todos @3', 'PATCH /users/me @6', 'GET /posts/:id @12'],
  );
});

test('URLs to the own server are internal, third-party origins external; new URL(path, base)', () => {
  const render = (code: string): string => {
    const program = parse(code, { loc: true }) as unknown as EsNode;
    const parts = urlParts(program.body[0].expression, { constants: new Map([['BASE', 'http://127.0.0.1:8000']]), params: new Map() });
    const rendered = parts && renderClientPath(parts);
    return rendered ? `${rendered.path}${rendered.external ? ' external' : ''}` : 'null';
  };
  assert.is(render('`http://localhost:${backendPort}/users`'), '/users');
  assert.is(render('`http://${host}:8080/api/x`'), '/api/x');
  assert.is(render('`${API_URL}/users`'), '/users');
  assert.is(render("import.meta.env.VITE_API_URL + '/users'"), '/users');
  assert.is(render('`${process.env.NEXT_PUBLIC_API_URL}/items/${id}`'), '/items/:id');
  assert.is(render('BASE + "/health"'), '/health');
  assert.is(render("'https://api.github.com/repos'"), '/repos external');
  assert.is(render("new URL('/users', window.location.origin)"), '/users');
  assert.is(render('new URL(`users/${id}`, API_BASE).toString()'), '/users/:id');
  assert.is(render("new URL('/v1/x', 'https://api.stripe.com').href"), '/v1/x external');
  assert.is(render("new URL('/v1/x', BASE)"), '/v1/x');
});

test.run();
