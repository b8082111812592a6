import { RouteTrie } from './route-trie.js';
import { routePathsMatchStrictly } from './route-path.js';

/** What the matcher needs of an endpoint. */
export interface MatchableEndpoint {
  method: string;
  path: string;
  /** A tRPC procedure (`post.byId`), set by the route scanner on procedure endpoints. */
  procedure?: string;
}

/** The endpoint a call reaches, and the endpoints whose path (not method) it names. */
export interface CallMatch<E> {
  /** The one endpoint the call credits, as the router would pick it; null when none serves it. */
  endpoint: E | null;
  /** Endpoints of another method whose exact path the call names: a method-mismatch when `endpoint` is null. */
  samePath: E[];
}

/**
 * Matches calls to endpoints the way routers dispatch a request: among the endpoints whose
 * method meets the call's, the most specific path wins, compared segment by segment from the
 * left (a literal before a parameter, a parameter before a catch-all), so `/resume/${id}` goes
 * to `/resume/:id` and never to `/resume/schema` when both exist. A call credits at most one
 * endpoint. A call of unknown method (`*`) credits the best path match of any method.
 */
export class CallMatcher<E extends MatchableEndpoint> {
  private readonly trie = new RouteTrie<E>();
  private readonly procedures = new Map<string, E[]>();

  constructor(endpoints: readonly E[]) {
    for (const endpoint of endpoints) {
      this.trie.insert(endpoint.path, endpoint);
      if (endpoint.procedure) this.procedures.set(endpoint.procedure, [...(this.procedures.get(endpoint.procedure) ?? []), endpoint]);
    }
  }

  /** `procedure`: a tRPC client call reaches the procedure of that name, wherever its handler is mounted. */
  match(method: string | null, path: string, procedure?: string): CallMatch<E> {
    if (procedure !== undefined) {
      const served = this.procedures.get(procedure) ?? [];
      const endpoint = served.find((candidate) => methodsMeet(candidate.method, method)) ?? null;
      return { endpoint, samePath: endpoint ? [] : served };
    }
    const candidates = this.trie.match(path);
    let best: E | null = null;
    let bestRank: number[] = [];
    for (const endpoint of candidates) {
      if (!methodsMeet(endpoint.method, method)) continue;
      const rank = specificity(endpoint, method, path);
      if (best === null || compareRanks(rank, bestRank) < 0) {
        best = endpoint;
        bestRank = rank;
      }
    }
    if (best) return { endpoint: best, samePath: [] };
    return { endpoint: null, samePath: candidates.filter((endpoint) => routePathsMatchStrictly(endpoint.path, path)) };
  }
}

/** Whether a call of `called` method can be served by an endpoint of `served` method. */
export function methodsMeet(served: string, called: string | null): boolean {
  return served === '*' || called === null || called === '*' || served === called || (served === 'GET' && called === 'HEAD');
}

/**
 * Per-segment ranks of an endpoint for a called path (lower is more specific), then a last
 * rank for the method: an endpoint of the call's own method before an any-method one.
 */
export function specificity(endpoint: MatchableEndpoint, method: string | null, path: string): number[] {
  const served = endpoint.path.split('/').filter(Boolean);
  const called = path.split('/').filter(Boolean);
  // Every rank list has the same length (one per called segment, one for the end, one for the
  // method), so they compare position by position.
  const ranks: number[] = [];
  let rest = false;
  for (let i = 0; i < called.length; i++) {
    const segment = served[i] ?? '*';
    if (rest || segment === '*' || (segment.startsWith(':') && segment.endsWith('*'))) {
      rest = true;
      ranks.push(3);
      continue;
    }
    const dynamicCall = called[i]?.startsWith(':') || called[i] === '*';
    const literal = !segment.startsWith(':');
    // A known value goes to the literal that spells it; a value only known at run time goes to
    // the parameter, and to a literal only when no parameter is there to take it.
    ranks.push(dynamicCall ? (literal ? 2 : 0) : literal ? 0 : 1);
  }
  // A catch-all that ends where the call ends (`/files/:rest*` for `/files`) comes last too.
  ranks.push(rest || served.length > called.length ? 3 : 0);
  ranks.push(endpoint.method === '*' || (method !== null && method !== '*' && endpoint.method !== method) ? 1 : 0);
  return ranks;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
