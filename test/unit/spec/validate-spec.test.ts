import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { validateSpec } from '../../../src/spec/validate-spec.js';
import { findCycles } from '../../../src/spec/find-cycles.js';
import { specFixture } from './fixtures.js';

test('the seed is valid', () => {
  const validation = validateSpec(parseSpec(specFixture('seed.md'), 'PROJECT_SPEC.md'));
  assert.equal(validation, { valid: true, errors: [], warnings: [] });
});

test('every problem of an invalid spec is reported with its line', () => {
  const validation = validateSpec(parseSpec(specFixture('invalid.md'), 'spec.md'));
  assert.is(validation.valid, false);
  assert.equal(validation.errors, [
    { line: 5, message: 'dependency cycle: alpha → gamma → beta → alpha' },
    {
      line: 20,
      message: 'feature "Beta" depends on "Requires Nonexistent Widget (for widgets)", which names no feature in the spec',
    },
    { line: 33, message: 'feature "Empty One" has nothing to check (no requirements, files or acceptance criteria)' },
    { line: 38, message: 'duplicate feature "Alpha" (id alpha, first defined at line 5)' },
  ]);
  assert.equal(validation.warnings, [{ line: 41, message: 'file src/shared.ts is listed by features "Gamma" (line 28) and "Alpha"' }]);
});

test('an empty spec is invalid', () => {
  const validation = validateSpec(parseSpec('# Nothing yet\n', 'spec.md'));
  assert.is(validation.valid, false);
  assert.match(validation.errors[0]!.message, /defines no features/);
});

test('a self-dependency is a cycle of one', () => {
  const validation = validateSpec(parseSpec('### Feature: Solo\n\n**Requirements:**\n- a\n\n**Dependencies:** Solo\n', 's.md'));
  assert.equal(
    validation.errors.map((e) => e.message),
    ['dependency cycle: solo → solo'],
  );
});

test('findCycles reports each cycle once and survives deep chains', () => {
  const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: ['a', 'd'] };
  assert.equal(
    findCycles(['a', 'b', 'c', 'd'], (n) => graph[n] ?? []),
    [
      ['a', 'b', 'c', 'a'],
      ['d', 'd'],
    ],
  );
  const chain = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
  assert.equal(
    findCycles(chain, (n) => {
      const i = Number(n.slice(1));
      return i + 1 < chain.length ? [`n${i + 1}`] : [];
    }),
    [],
  );
});

test.run();
