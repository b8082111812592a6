/** A module graph: file → files it imports at run time. */
export type ModuleGraph = ReadonlyMap<string, ReadonlySet<string>>;

/** Where a module's imports lead; lazy, so a search resolves only the modules it reaches. */
export type Neighbors = (node: string) => Iterable<string>;

/** Shortest path from `start` to `goal` (both included), or null. */
function shortestPath(neighbors: Neighbors, start: string, goal: string): string[] | null {
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    if (node === goal) {
      const path: string[] = [];
      for (let at: string | null = node; at !== null; at = previous.get(at) ?? null) path.unshift(at);
      return path;
    }
    for (const next of neighbors(node)) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * The cycles that the given edges close: for each new edge a→b, the shortest way back from b
 * to a, printed in full as [a, b, …, a]. Each cycle is reported once.
 */
export function cyclesThrough(graph: ModuleGraph | Neighbors, edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const neighbors: Neighbors = typeof graph === 'function' ? graph : (node) => graph.get(node) ?? [];
  const cycles = new Map<string, string[]>();
  for (const [from, to] of edges) {
    const back = shortestPath(neighbors, to, from);
    if (!back) continue;
    const cycle = [from, ...back];
    const key = cycleKey(cycle);
    if (!cycles.has(key)) cycles.set(key, cycle);
  }
  return [...cycles.values()];
}

/** One shortest cycle per strongly connected component (Tarjan), for whole-tree checks. */
export function allCycles(graph: ModuleGraph): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  // Iterative, so a deep import chain cannot overflow the call stack.
  for (const root of graph.keys()) {
    if (indexes.has(root)) continue;
    const work: Array<{ node: string; next: Iterator<string> }> = [];
    const enter = (node: string): void => {
      indexes.set(node, index);
      low.set(node, index++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (graph.get(node) ?? new Set<string>()).values() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: Iterator<string> };
      const step = frame.next.next();
      if (!step.done) {
        const child = step.value;
        if (!indexes.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node) as number, indexes.get(child) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === indexes.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  const cycles: string[][] = [];
  for (const component of components) {
    const first = [...component].sort()[0] as string;
    if (component.length === 1 && !graph.get(first)?.has(first)) continue;
    const members = new Set(component);
    const inside = new Map([...members].map((m) => [m, new Set([...(graph.get(m) ?? [])].filter((n) => members.has(n)))]));
    const cycle = cyclesThrough(
      inside,
      [...(inside.get(first) ?? [])].sort().map((to) => [first, to] as const),
    ).sort((a, b) => a.length - b.length)[0];
    if (cycle) cycles.push(cycle);
  }
  return cycles.sort((a, b) => cycleKey(a).localeCompare(cycleKey(b)));
}

/** The same cycle whatever node it is printed from: rotated to start at its smallest path. */
export function cycleKey(cycle: readonly string[]): string {
  const nodes = cycle.slice(0, -1);
  let start = 0;
  for (let i = 1; i < nodes.length; i++) if ((nodes[i] as string) < (nodes[start] as string)) start = i;
  const rotated = [...nodes.slice(start), ...nodes.slice(0, start)];
  return [...rotated, rotated[0]].join(' -> ');
}
