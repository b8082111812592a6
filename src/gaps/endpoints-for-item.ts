import type { Endpoint } from './scanner/link-endpoints.js';
import { codeTermsOf } from './retrieval.js';

// Which served endpoints an item's words describe, among the endpoints of the files that prove it.

/** Item words that say which HTTP method does the thing, folded below as the query terms are. */
const METHOD_WORDS: Record<string, readonly string[]> = {
  GET: ['list', 'get', 'show', 'read', 'fetch', 'view', 'search', 'find', 'load', 'browse', 'detail', 'page', 'history'],
  POST: ['create', 'add', 'register', 'submit', 'place', 'send', 'post', 'upload', 'login', 'new', 'save', 'vote'],
  PUT: ['update', 'edit', 'change', 'save', 'rename', 'mark', 'set'],
  PATCH: ['update', 'edit', 'change', 'save', 'rename', 'mark', 'set', 'vote'],
  DELETE: ['remove', 'delete', 'destroy', 'drop', 'clear'],
};

/** Words that name every method at once: the whole resource. */
const RESOURCE_WORDS = ['crud'];

let folded: Map<string, Set<string>> | undefined;
function methodTerms(method: string): ReadonlySet<string> {
  folded ??= new Map(
    Object.entries(METHOD_WORDS).map(([name, words]) => [
      name,
      new Set([...words, ...RESOURCE_WORDS].flatMap((word) => [...codeTermsOf(word)])),
    ]),
  );
  return folded.get(method) ?? new Set();
}

/** Path segments that say nothing about what an endpoint does. */
const PATH_NOISE = new Set(['api', 'v1', 'v2', 'v3', 'trpc', 'rest', 'index']);

/** Segments that mean "the signed-in user's own" (`/users/me`, `/orders/myorders`). */
const PERSONAL_SEGMENTS = new Set(['me', 'my', 'mine', 'self', 'own']);
/** Item terms that say the same ("their own profile", "the signed-in user's orders", "current user"). */
const PERSONAL_TERMS = new Set(['own', 'my', 'me', 'self', 'current', 'signin']);

/** `myorders` → `my`, `orders`: a personal prefix run together with the resource. */
function splitPersonal(segment: string): string[] {
  const match = /^(my)([a-z].*)$/i.exec(segment);
  return match ? [match[1] as string, match[2] as string] : [segment];
}

interface Scored {
  endpoint: Endpoint;
  score: number;
}

/**
 * The endpoints, served from `files`, that the item's terms describe best: path words shared
 * with the item (a tRPC procedure's dotted path counts as path), plus one when a word of the
 * item names the method (`list` → GET, `delete` → DELETE), less half a point for each literal
 * segment the item does not mention (`/expenses/total-spent` is not "the expenses"). All of the
 * best score, which must come from at least one shared path word: at most three, or two for
 * each method the item names ("list, create, update and delete users" is a whole resource).
 */
export function endpointsForItem(terms: readonly string[], files: ReadonlySet<string>, endpoints: readonly Endpoint[]): Endpoint[] {
  if (files.size === 0 || terms.length === 0) return [];
  const wanted = new Set(terms);
  const scored: Scored[] = [];
  for (const endpoint of endpoints) {
    if (!files.has(endpoint.file)) continue;
    const segments = [...endpoint.path.split('/'), ...(endpoint.procedure ?? '').split('.')].filter(
      (segment) => segment && !/^[:{[*]/.test(segment) && !PATH_NOISE.has(segment.toLowerCase()),
    );
    let shared = 0;
    let unmatched = 0;
    for (const segment of new Set(segments.flatMap(splitPersonal))) {
      if (PERSONAL_SEGMENTS.has(segment.toLowerCase())) {
        if ([...PERSONAL_TERMS].some((term) => wanted.has(term))) shared++;
        else unmatched++;
        continue;
      }
      const matched = [...codeTermsOf(segment)].filter((term) => wanted.has(term)).length;
      if (matched > 0) shared += matched;
      else unmatched++;
    }
    if (shared === 0) continue;
    const method = [...methodTerms(endpoint.method)].some((term) => wanted.has(term)) ? 1 : 0;
    scored.push({ endpoint, score: shared + method - unmatched / 2 });
  }
  const best = Math.max(...scored.map((entry) => entry.score));
  const methodsNamed = Object.keys(METHOD_WORDS).filter((method) => [...methodTerms(method)].some((term) => wanted.has(term))).length;
  return scored
    .filter((entry) => entry.score === best && best >= 1)
    .slice(0, Math.max(3, 2 * methodsNamed))
    .map((entry) => entry.endpoint);
}
