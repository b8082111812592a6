/**
 * One notation for every framework's paths, so endpoints and calls compare: parameters become
 * `:name` (`{id}`, `{id:int}`, `<int:id>`, `[id]`, `[...slug]`, `${id}` all map to `:id`/`:slug`),
 * one leading slash, no trailing slash, no origin, no query string.
 */
export function normalizeRoutePath(raw: string): string {
  // Already normal (the common case for joined prefixes): skip the rewriting.
  if (/^(?:\/:?[A-Za-z0-9_.~-]+)+$/.test(raw) || raw === '/') return raw;
  let path = raw.trim();
  // Hono / path-to-regexp constraints written after the name: `:id{[0-9]+}`.
  path = path.replace(/:([A-Za-z_]\w*)\{(?:[^{}]|\{[^{}]*\})*\}/g, ':$1');
  // Catch-all parameters keep a `*` (path-to-regexp style) so they match several segments.
  path = path.replace(/\{([A-Za-z_][\w]*):path\}/g, ':$1*');
  path = path.replace(/\{([A-Za-z_][\w]*)(?::[^}]*)?\}/g, ':$1');
  path = path.replace(/<path:([A-Za-z_]\w*)>/g, ':$1*');
  path = path.replace(/<(?:[A-Za-z_]\w*:)?([A-Za-z_]\w*)>/g, ':$1');
  path = path.replace(/\[\[?\.\.\.([^\]]+)\]\]?/g, ':$1*');
  path = path.replace(/\[([^\]]+)\]/g, ':$1');
  // Express optional and regex-constrained params: `:id?`, `:id(\\d+)`.
  path = path.replace(/:([A-Za-z_]\w*)(?:\([^)]*\))?(\*)?\??/g, ':$1$2');
  path = path.replace(/\/{2,}/g, '/');
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

/** Joins a mount prefix and a route path (either may be empty or `/`). */
export function joinRoutePath(prefix: string, path: string): string {
  const left = prefix.replace(/\/+$/, '');
  const right = path === '/' || path === '' ? '' : path.startsWith('/') ? path : `/${path}`;
  return normalizeRoutePath(`${left}${right}` || '/');
}

export interface ParsedUrl {
  path: string;
  /** A host other than localhost: the call goes to someone else's API. */
  external: boolean;
}

const LOCAL_HOSTS = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])$/i;

/** Strips origin, query and hash from a URL a client calls. */
export function parseClientUrl(url: string): ParsedUrl {
  let rest = url.trim();
  let external = false;
  const origin = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)/i.exec(rest);
  if (origin) {
    const host = (origin[1] ?? '').replace(/^[^@]*@/, '').replace(/:\d+$/, '');
    // A host written as a template parameter (`${API_HOST}`) is our own configured backend.
    external = host !== '' && !host.startsWith(':') && !LOCAL_HOSTS.test(host);
    rest = rest.slice(origin[0].length);
  }
  rest = rest.replace(/[?#].*$/, '');
  return { path: normalizeRoutePath(rest), external };
}

/** Whether a called path reaches a served path: same segments, where a parameter matches anything. */
export function routePathsMatch(served: string, called: string): boolean {
  const a = served.split('/').filter(Boolean);
  const b = called.split('/').filter(Boolean);
  for (let i = 0; i < a.length; i++) {
    const left = a[i] as string;
    if (left === '*' || /^:\w+\*$/.test(left) || (i === a.length - 1 && left.endsWith('*') && left.startsWith(':'))) {
      return b.length >= i;
    }
    const right = b[i];
    if (right === undefined) return false;
    if (left.startsWith(':') || right.startsWith(':') || right === '*') continue;
    if (left !== right) return false;
  }
  return a.length === b.length;
}

/**
 * A stricter match, for telling a wrong method from a wrong path: the call must name a
 * parameter (or an id-like value) wherever the endpoint has one. `GET /orders/stats` against
 * `DELETE /orders/:id` is an unserved path, not a method mismatch.
 */
export function routePathsMatchStrictly(served: string, called: string): boolean {
  if (!routePathsMatch(served, called)) return false;
  const a = served.split('/').filter(Boolean);
  const b = called.split('/').filter(Boolean);
  return a.every((segment, i) => !segment.startsWith(':') || segment.endsWith('*') || isIdLike(b[i] ?? ''));
}

function isIdLike(segment: string): boolean {
  return (
    segment.startsWith(':') || /^\d+$/.test(segment) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)
  );
}
