/**
 * Pure graph algorithms over build tasks: topological batches (what may run in parallel), cycle
 * detection that returns the whole cycle, and the critical path (the heaviest chain of
 * dependencies, which bounds how fast any schedule can finish).
 *
 * Every algorithm is iterative and works on integer indexes in flat arrays: a chain of 100,000
 * tasks is as deep as it is long (recursion would overflow the call stack), and string-keyed
 * maps per step cost more in garbage than the algorithms themselves.
 */

export interface TaskNode {
  id: string;
  /** Ids of tasks that must finish first. Every id must be a node of the graph. */
  dependsOn: readonly string[];
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

/**
 * The graph indexed once: node i's dependencies are `deps[depStart[i] .. depStart[i + 1])` and its
 * dependents `users[userStart[i] .. userStart[i + 1])`, both in input order. Dependencies on ids
 * that are not nodes are dropped (callers report those before planning).
 */
export class TaskGraph {
  readonly ids: string[];
  private readonly depStart: Int32Array;
  private readonly deps: Int32Array;
  private readonly userStart: Int32Array;
  private readonly users: Int32Array;
  private order: Int32Array | null = null;
  private levels: Int32Array | null = null;

  constructor(nodes: readonly TaskNode[]) {
    const count = nodes.length;
    this.ids = nodes.map((node) => node.id);
    const index = new Map<string, number>();
    this.ids.forEach((id, i) => {
      if (!index.has(id)) index.set(id, i);
    });
    const flat: number[] = [];
    this.depStart = new Int32Array(count + 1);
    const userCount = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) {
      for (const dep of nodes[i]!.dependsOn) {
        const j = index.get(dep);
        if (j === undefined) continue;
        flat.push(j);
        userCount[j]!++;
      }
      this.depStart[i + 1] = flat.length;
    }
    this.deps = Int32Array.from(flat);
    this.userStart = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) this.userStart[i + 1] = this.userStart[i]! + userCount[i]!;
    this.users = new Int32Array(flat.length);
    const fill = this.userStart.slice(0, count);
    for (let i = 0; i < count; i++) {
      for (let k = this.depStart[i]!; k < this.depStart[i + 1]!; k++) this.users[fill[this.deps[k]!]!++] = i;
    }
  }

  /** See `findCycle`. Depth-first with an explicit stack of (node, next dependency) frames. */
  findCycle(): string[] | null {
    const count = this.ids.length;
    const OPEN = 1;
    const CLOSED = 2;
    const state = new Uint8Array(count);
    const path = new Int32Array(count);
    const next = new Int32Array(count);
    const position = new Int32Array(count);
    for (let root = 0; root < count; root++) {
      if (state[root] !== 0) continue;
      let top = 0;
      path[0] = root;
      next[0] = this.depStart[root]!;
      position[root] = 0;
      state[root] = OPEN;
      while (top >= 0) {
        const node = path[top]!;
        if (next[top]! >= this.depStart[node + 1]!) {
          state[node] = CLOSED;
          top--;
          continue;
        }
        const dep = this.deps[next[top]!++]!;
        if (state[dep] === OPEN) {
          const cycle = Array.from(path.subarray(position[dep]!, top + 1), (i) => this.ids[i]!);
          cycle.push(this.ids[dep]!);
          return cycle;
        }
        if (state[dep] === 0) {
          state[dep] = OPEN;
          top++;
          path[top] = dep;
          next[top] = this.depStart[dep]!;
          position[dep] = top;
        }
      }
    }
    return null;
  }

  /** Kahn's algorithm: the nodes in batch order (by level, then input order), and each node's level (-1 on a cycle). */
  private sort(): { order: Int32Array; levels: Int32Array } {
    if (this.order && this.levels) return { order: this.order, levels: this.levels };
    const count = this.ids.length;
    const remaining = new Int32Array(count);
    const levels = new Int32Array(count).fill(-1);
    const order = new Int32Array(count);
    let tail = 0;
    for (let i = 0; i < count; i++) {
      remaining[i] = this.depStart[i + 1]! - this.depStart[i]!;
      if (remaining[i] === 0) {
        order[tail++] = i;
        levels[i] = 0;
      }
    }
    for (let head = 0; head < tail; head++) {
      const node = order[head]!;
      for (let k = this.userStart[node]!; k < this.userStart[node + 1]!; k++) {
        const user = this.users[k]!;
        if (--remaining[user]! === 0) {
          order[tail++] = user;
          levels[user] = levels[node]! + 1;
        }
      }
    }
    // Regrouped by level, input order within a level: the order `batches` lists, which is what
    // breaks ties on the critical path.
    const depth = tail === 0 ? 0 : levels[order[tail - 1]!]! + 1;
    const at = new Int32Array(depth + 1);
    for (let i = 0; i < count; i++) if (levels[i]! >= 0) at[levels[i]! + 1]!++;
    for (let level = 0; level < depth; level++) at[level + 1]! += at[level]!;
    const grouped = new Int32Array(tail);
    for (let i = 0; i < count; i++) if (levels[i]! >= 0) grouped[at[levels[i]!]!++] = i;
    this.order = grouped;
    this.levels = levels;
    return { order: grouped, levels };
  }

  /** See `topologicalBatches`. */
  batches(): string[][] {
    const { order, levels } = this.sort();
    const depth = order.length === 0 ? 0 : levels[order[order.length - 1]!]! + 1;
    const batches: string[][] = Array.from({ length: depth }, () => []);
    for (let i = 0; i < this.ids.length; i++) if (levels[i]! >= 0) batches[levels[i]!]!.push(this.ids[i]!);
    return batches;
  }

  /** See `criticalPath`. */
  criticalPath(weight: (id: string, index: number) => number): CriticalPath {
    const { order } = this.sort();
    const count = this.ids.length;
    const rank = new Float64Array(count);
    const next = new Int32Array(count).fill(-1);
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k]!;
      let best = -1;
      let bestRank = 0;
      for (let u = this.userStart[node]!; u < this.userStart[node + 1]!; u++) {
        const user = this.users[u]!;
        if (rank[user]! > bestRank) {
          best = user;
          bestRank = rank[user]!;
        }
      }
      rank[node] = weight(this.ids[node]!, node) + bestRank;
      next[node] = best;
    }
    let start = -1;
    let length = 0;
    for (const node of order) {
      if (start === -1 || rank[node]! > length) {
        start = node;
        length = rank[node]!;
      }
    }
    const path: string[] = [];
    for (let node = start; node !== -1; node = next[node]!) path.push(this.ids[node]!);
    const ranks = new Map<string, number>();
    for (const node of order) ranks.set(this.ids[node]!, rank[node]!);
    return { path, length, rank: ranks };
  }

  /** See `dependentsOf`. */
  dependents(): Map<string, string[]> {
    const dependents = new Map<string, string[]>();
    for (let i = 0; i < this.ids.length; i++) {
      const list: string[] = [];
      for (let k = this.userStart[i]!; k < this.userStart[i + 1]!; k++) list.push(this.ids[this.users[k]!]!);
      if (!dependents.has(this.ids[i]!)) dependents.set(this.ids[i]!, list);
    }
    return dependents;
  }
}

/**
 * A cycle as the list of ids in edge order, the first repeated at the end (`a → b → a` is
 * `['a', 'b', 'a']`), or null when the graph is acyclic. Edges point from a task to its dependency.
 */
export function findCycle(nodes: readonly TaskNode[]): string[] | null {
  return new TaskGraph(nodes).findCycle();
}

/**
 * Groups tasks into batches: batch 0 has no dependencies, batch k depends only on earlier
 * batches. Within a batch ids keep the input order. Assumes an acyclic graph (check with
 * `findCycle` first); tasks on a cycle are left out.
 */
export function topologicalBatches(nodes: readonly TaskNode[]): string[][] {
  return new TaskGraph(nodes).batches();
}

/** For each task, the tasks that depend on it. */
export function dependentsOf(nodes: readonly TaskNode[]): Map<string, string[]> {
  return new TaskGraph(nodes).dependents();
}

/** The critical path of an acyclic graph, by a weight per task. Ties break on input order. */
export function criticalPath(nodes: readonly TaskNode[], weight: (id: string) => number): CriticalPath {
  return new TaskGraph(nodes).criticalPath(weight);
}
