import type { RawCall } from './types.js';
import type { EsNode } from './ts-url.js';
import { memberText, nameOf, propertyValue, unwrap } from './es-nodes.js';
import { joinPrefix, literalMethod, renderUrl, type CallContext } from './ts-call-context.js';

// Generated OpenAPI clients: openapi-fetch/openapi-react-query verbs and hey-api/codegen request objects.
export const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
export const UPPER_VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

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
