import type { RawCall } from './types.js';
import type { EsNode } from './ts-url.js';
import { memberText, propertyValue, unwrap } from './es-nodes.js';
import { renderUrl, type CallContext } from './ts-call-context.js';

// What the browser itself requests: navigations, streams, links, and the AI SDK's chat transports.
/** Calls that send the browser to a URL: `window.open`, `location.assign`, Next.js `redirect()`. */
export const NAVIGATIONS = new Set([
  'window.open',
  'location.assign',
  'window.location.assign',
  'window.location.replace',
  'redirect',
  'permanentRedirect',
]);

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
