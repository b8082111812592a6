import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TaskGraph, criticalPath, dependentsOf, findCycle, topologicalBatches, type TaskNode } from '../../../src/domain/task-graph.js';

const diamond = [
  { id: 'a', dependsOn: [] },
  { id: 'b', dependsOn: ['a'] },
  { id: 'c', dependsOn: ['a'] },
  { id: 'd', dependsOn: ['b', 'c'] },
];

test('the DAG correctly identifies parallel builds: batches group what can run side by side, keeping input order', () => {
  assert.equal(topologicalBatches(diamond), [['a'], ['b', 'c'], ['d']]);
  assert.equal(topologicalBatches([]), []);
  assert.equal(
    topologicalBatches([
      { id: 'x', dependsOn: [] },
      { id: 'y', dependsOn: [] },
    ]),
    [['x', 'y']],
  );
});

test('a cycle is returned whole, first id repeated at the end', () => {
  assert.is(findCycle(diamond), null);
  assert.equal(
    findCycle([
      { id: 'a', dependsOn: ['b'] },
      { id: 'b', dependsOn: ['c'] },
      { id: 'c', dependsOn: ['a'] },
    ]),
    ['a', 'b', 'c', 'a'],
  );
  assert.equal(
    findCycle([
      { id: 'x', dependsOn: [] },
      { id: 's', dependsOn: ['s'] },
    ]),
    ['s', 's'],
  );
  // The cycle is found behind an acyclic prefix, and only the cycle is reported.
  assert.equal(
    findCycle([
      { id: 'p', dependsOn: ['q'] },
      { id: 'q', dependsOn: ['r'] },
      { id: 'r', dependsOn: ['q'] },
    ]),
    ['q', 'r', 'q'],
  );
  // Tasks on a cycle are left out of batches.
  assert.equal(
    topologicalBatches([
      { id: 'a', dependsOn: ['b'] },
      { id: 'b', dependsOn: ['a'] },
      { id: 'c', dependsOn: [] },
    ]),
    [['c']],
  );
});

test('the critical path follows the heaviest chain and ranks tasks by what follows them', () => {
  const weights: Record<string, number> = { a: 1, b: 1, c: 5, d: 2 };
  const result = criticalPath(diamond, (id) => weights[id]!);
  assert.equal(result.path, ['a', 'c', 'd']);
  assert.is(result.length, 8);
  assert.is(result.rank.get('b'), 3);
  assert.is(result.rank.get('c'), 7);
  assert.equal(
    criticalPath([], () => 1),
    { path: [], length: 0, rank: new Map() },
  );
  // Ties break on input order.
  assert.equal(criticalPath(diamond, () => 1).path, ['a', 'b', 'd']);
});

test('dependents are the reverse edges', () => {
  assert.equal(dependentsOf(diamond).get('a'), ['b', 'c']);
  assert.equal(dependentsOf(diamond).get('d'), []);
});

/** A chain listed dependents-first: the first node depends on the second, and so on, `count` deep. */
function chain(count: number, closed = false): TaskNode[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `t${count - 1 - i}`,
    dependsOn: i < count - 1 ? [`t${count - 2 - i}`] : closed ? [`t${count - 1}`] : [],
  }));
}

test('a 100,000-task chain listed dependents-first: no stack overflow, every algorithm linear', () => {
  const nodes = chain(100_000);
  const started = performance.now();
  const graph = new TaskGraph(nodes);
  assert.is(graph.findCycle(), null);
  const batches = graph.batches();
  assert.is(batches.length, 100_000);
  assert.equal(batches[0], ['t0']);
  assert.equal(batches.at(-1), ['t99999']);
  const path = graph.criticalPath(() => 1);
  assert.is(path.length, 100_000);
  assert.is(path.path[0], 't0');
  assert.is(path.path.at(-1), 't99999');
  assert.is(path.rank.get('t0'), 100_000);
  // Generous: quadratic work (10^10 steps) would take minutes; linear takes milliseconds.
  assert.ok(performance.now() - started < 20_000, `took ${performance.now() - started} ms`);
});

test('a 5,000-task cycle is found whole; the same through the exported helpers', () => {
  const cycle = findCycle(chain(5000, true));
  assert.ok(cycle);
  assert.is(cycle.length, 5001);
  assert.is(cycle[0], cycle.at(-1));
  assert.equal(cycle.slice(0, 3), ['t4999', 't4998', 't4997']);
  assert.equal(topologicalBatches(chain(5000, true)), []);
  assert.equal(criticalPath(chain(5000, true), () => 1).path, []);
});

test('dependencies on ids that are not nodes are left out; duplicate edges count once per edge', () => {
  const graph = new TaskGraph([
    { id: 'a', dependsOn: ['ghost'] },
    { id: 'b', dependsOn: ['a', 'a'] },
  ]);
  assert.equal(graph.batches(), [['a'], ['b']]);
  assert.equal(graph.dependents().get('a'), ['b', 'b']);
});

test.run();
