/**
 * Endpoints indexed by path segment, so matching thousands of calls against thousands of
 * endpoints costs a walk per call instead of a comparison with every endpoint.
 */
interface TrieNode<T> {
  literal: Map<string, TrieNode<T>>;
  param: TrieNode<T> | null;
  /** Catch-alls (`:path*`, `*`) that end at this depth: they match any rest. */
  rest: T[];
  values: T[];
}

const node = <T>(): TrieNode<T> => ({ literal: new Map(), param: null, rest: [], values: [] });

export class RouteTrie<T> {
  private readonly root: TrieNode<T> = node();

  insert(path: string, value: T): void {
    let current = this.root;
    for (const segment of path.split('/').filter(Boolean)) {
      if (segment === '*' || (segment.startsWith(':') && segment.endsWith('*'))) {
        current.rest.push(value);
        return;
      }
      if (segment.startsWith(':')) current = current.param ??= node();
      else {
        let next = current.literal.get(segment);
        if (!next) current.literal.set(segment, (next = node()));
        current = next;
      }
    }
    current.values.push(value);
  }

  /** Every value whose path matches `path` (same rules as `routePathsMatch`). */
  match(path: string): T[] {
    const segments = path.split('/').filter(Boolean);
    const found: T[] = [];
    const walk = (current: TrieNode<T>, i: number): void => {
      found.push(...current.rest);
      if (i === segments.length) {
        found.push(...current.values);
        return;
      }
      const segment = segments[i] as string;
      if (segment.startsWith(':') || segment === '*') {
        for (const child of current.literal.values()) walk(child, i + 1);
      } else {
        const child = current.literal.get(segment);
        if (child) walk(child, i + 1);
      }
      if (current.param) walk(current.param, i + 1);
    };
    walk(this.root, 0);
    return [...new Set(found)];
  }
}
