/**
 * Pure graph algorithms over build tasks: topological batches (what may run in parallel), cycle
 * detection that returns the whole cycle, and the critical path (the heaviest chain of
 * dependencies, which bounds how fast any schedule can finish).
 */

export interface TaskNode {
  id: string;
  /** Ids of tasks that must finish first. Every id must be a node of the graph. */
  dependsOn: readonly string[];
}

/**
 * A cycle as the list of ids in edge order, the first repeated at the end (`a → b → a` is
 * `['a', 'b', 'a']`), or null when the graph is acyclic. Edges point from a task to its dependency.
 */
export function findCycle(nodes: readonly TaskNode[]): string[] | null {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const state = new Map<string, 'open' | 'closed'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'open');
    stack.push(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      const seen = state.get(dep);
      if (seen === 'open') return [...stack.slice(stack.indexOf(dep)), dep];
      if (!seen && byId.has(dep)) {
        const cycle = visit(dep);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(id, 'closed');
    return null;
  };
  for (const node of nodes) {
    if (state.has(node.id)) continue;
    const cycle = visit(node.id);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * Groups tasks into batches: batch 0 has no dependencies, batch k depends only on earlier
 * batches. Within a batch ids keep the input order. Assumes an acyclic graph (check with
 * `findCycle` first); tasks on a cycle are left out.
 */
export function topologicalBatches(nodes: readonly TaskNode[]): string[][] {
  const level = new Map<string, number>();
  const remaining = new Map(nodes.map((node) => [node.id, node.dependsOn.length]));
  const dependents = dependentsOf(nodes);
  let frontier = nodes.filter((node) => node.dependsOn.length === 0).map((node) => node.id);
  let depth = 0;
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      level.set(id, depth);
      for (const child of dependents.get(id) ?? []) {
        const left = (remaining.get(child) ?? 0) - 1;
        remaining.set(child, left);
        if (left === 0) next.push(child);
      }
    }
    frontier = next;
    depth++;
  }
  const batches: string[][] = Array.from({ length: depth }, () => []);
  for (const node of nodes) {
    const at = level.get(node.id);
    if (at !== undefined) batches[at]!.push(node.id);
  }
  return batches;
}

/** For each task, the tasks that depend on it. */
export function dependentsOf(nodes: readonly TaskNode[]): Map<string, string[]> {
  const dependents = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const node of nodes) {
    for (const dep of node.dependsOn) dependents.get(dep)?.push(node.id);
  }
  return dependents;
}

export interface CriticalPath {
  /** The heaviest chain, first task first. Empty for an empty graph. */
  path: string[];
  /** Total weight of the chain. */
  length: number;
  /**
   * Per task: the weight of the heaviest chain that starts at it and runs through its
   * dependents. A scheduler that starts the highest first keeps the critical path busy.
   */
  rank: Map<string, number>;
}

/** The critical path of an acyclic graph, by a weight per task. Ties break on input order. */
export function criticalPath(nodes: readonly TaskNode[], weight: (id: string) => number): CriticalPath {
  const order = topologicalBatches(nodes).flat();
  const dependents = dependentsOf(nodes);
  const rank = new Map<string, number>();
  const next = new Map<string, string | null>();
  for (const id of [...order].reverse()) {
    let best: string | null = null;
    let bestRank = 0;
    for (const child of dependents.get(id) ?? []) {
      const childRank = rank.get(child) ?? 0;
      if (childRank > bestRank) {
        best = child;
        bestRank = childRank;
      }
    }
    rank.set(id, weight(id) + bestRank);
    next.set(id, best);
  }
  let start: string | null = null;
  let length = 0;
  for (const id of order) {
    const value = rank.get(id) ?? 0;
    if (start === null || value > length) {
      start = id;
      length = value;
    }
  }
  const path: string[] = [];
  for (let id = start; id !== null; id = next.get(id) ?? null) path.push(id);
  return { path, length, rank };
}
