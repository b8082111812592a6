import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { criticalPath, dependentsOf, findCycle, topologicalBatches } from '../../../src/domain/task-graph.js';

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

test.run();
