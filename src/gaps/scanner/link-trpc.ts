import type { RawRoute } from './types.js';
import { joinRoutePath } from './route-path.js';
import type { Endpoint, Linker } from './link-endpoints.js';

/** Where tRPC serves a root router that no handler mounts (the adapters' usual default). */
const DEFAULT_TRPC_MOUNT = '/trpc';

/**
 * The endpoints of one tRPC procedure: its dotted path from every root router it hangs under
 * (`router({ post: postRouter })` → `post.create`), under the HTTP path of that root's handler
 * (`/api/trpc/post.create`). `.query` is GET, `.mutation` POST (set by the scanner).
 */
export function procedureEndpoints(linker: Linker, file: string, route: RawRoute): Endpoint[] {
  const found: Array<{ mount: string; dotted: string }> = [];
  const walk = (id: string, dotted: string, visiting: Set<string>): void => {
    if (visiting.has(id) || visiting.size > 32) return;
    visiting.add(id);
    const edges = linker.incomingOf(id);
    let http = false;
    for (const edge of edges) {
      if (edge.trpc === 'router') walk(edge.owner, edge.prefix ? `${edge.prefix}.${dotted}` : dotted, visiting);
      else http = true;
    }
    if (http) for (const mount of linker.httpPrefixesOf(id)) found.push({ mount, dotted });
    // A root no handler mounts: served at the default path, unless the app mounts its other roots
    // (then this one is unused: nothing serves it).
    else if (edges.length === 0 && !linker.hasTrpcHandler()) found.push({ mount: DEFAULT_TRPC_MOUNT, dotted });
    visiting.delete(id);
  };
  walk(linker.refKey(file, route.owner as string), route.procedure as string, new Set());
  return found.map(({ mount, dotted }) => ({
    method: route.method,
    path: joinRoutePath(mount, dotted),
    file,
    line: route.line,
    procedure: dotted,
  }));
}
