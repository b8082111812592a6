/**
 * Finds dependency cycles with an iterative depth-first search (specs with thousands of features
 * must not overflow the stack). Each cycle is returned once, as the whole path back to its start.
 */
export function findCycles(nodes: string[], edges: (node: string) => string[]): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  for (const start of nodes) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    const path: string[] = [start];
    state.set(start, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const targets = edges(frame.node);
      if (frame.next >= targets.length) {
        state.set(frame.node, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const target = targets[frame.next++]!;
      const targetState = state.get(target);
      if (targetState === 'open') {
        const cycle = [...path.slice(path.indexOf(target)), target];
        const key = canonical(cycle);
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (targetState === undefined) {
        state.set(target, 'open');
        stack.push({ node: target, next: 0 });
        path.push(target);
      }
    }
  }
  return cycles;
}

/** The same cycle found from another node gets the same key. */
function canonical(cycle: string[]): string {
  const ring = cycle.slice(0, -1);
  let best = 0;
  for (let i = 1; i < ring.length; i++) if (ring[i]! < ring[best]!) best = i;
  return [...ring.slice(best), ...ring.slice(0, best)].join('\u0000');
}
