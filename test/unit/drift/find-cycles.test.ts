import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allCycles, cycleKey, cyclesThrough } from '../../../src/drift/imports/find-cycles.js';

const graph = (edges: string) => {
  const map = new Map<string, Set<string>>();
  for (const pair of edges.split(' ')) {
    const [from, to] = pair.split('>') as [string, string];
    map.set(from, (map.get(from) ?? new Set()).add(to));
    if (!map.has(to)) map.set(to, new Set());
  }
  return map;
};

test('the cycle a new edge closes, printed in full and shortest', () => {
  const g = graph('a>b b>c c>a c>d d>a');
  assert.equal(cyclesThrough(g, [['c', 'a']]), [['c', 'a', 'b', 'c']]);
  assert.equal(cyclesThrough(g, [['c', 'd']]), [['c', 'd', 'a', 'b', 'c']]);
  assert.equal(cyclesThrough(graph('a>b'), [['a', 'b']]), []);
});

test('whole-graph cycles: one per strongly connected component, self-loops included', () => {
  const cycles = allCycles(graph('a>b b>a c>d d>e e>c e>f f>f g>h'));
  assert.equal(cycles.map(cycleKey), ['a -> b -> a', 'c -> d -> e -> c', 'f -> f']);
});

test('cycleKey is independent of the starting node', () => {
  assert.is(cycleKey(['b', 'c', 'a', 'b']), cycleKey(['a', 'b', 'c', 'a']));
});

test.run();
