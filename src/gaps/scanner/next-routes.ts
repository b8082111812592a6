import type { RawRoute } from './types.js';
import { normalizeRoutePath } from './route-path.js';

const ROUTE_EXPORTS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * Next.js serves by file path: `pages/api/**` answers any method, `app/**\/route.ts` the
 * methods it exports. Route groups `(name)` and private folders `_x` are not URL segments.
 */
export function nextJsRoutes(path: string, exports: Record<string, string>, lines: ReadonlyMap<string, number>): RawRoute[] {
  const pages = /^(?:.*\/)?(?:src\/)?pages\/(api(?:\/.*)?)\.(?:ts|tsx|js|jsx|mjs)$/.exec(path);
  if (pages && 'default' in exports) {
    const route = (pages[1] as string).replace(/\/index$/, '');
    return [{ owner: null, method: '*', path: segmentsToPath(route), line: lines.get(exports.default ?? '') ?? 1 }];
  }
  const app = /^(?:.*\/)?(?:src\/)?app\/((?:.*\/)?)route\.(?:ts|js|mjs)$/.exec(path);
  if (!app) return [];
  const routePath = segmentsToPath((app[1] as string).replace(/\/$/, ''));
  return ROUTE_EXPORTS.filter((method) => method in exports).map((method) => ({
    owner: null,
    method,
    path: routePath,
    line: lines.get(exports[method] ?? method) ?? 1,
  }));
}

function segmentsToPath(route: string): string {
  const segments = route.split('/').filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith('@'));
  return normalizeRoutePath(`/${segments.join('/')}`);
}
