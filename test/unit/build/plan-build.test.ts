import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../../src/domain/errors.js';
import { complexityWeight, planBuild } from '../../../src/build/plan-build.js';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { feature, loaded, spec } from '../../integration/build/build-fixtures.js';

function throwsInput(fn: () => unknown, pattern: RegExp): InputError {
  try {
    fn();
  } catch (error) {
    assert.instance(error, InputError);
    assert.match((error as InputError).toLine(), pattern);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

test('tasks come from features and build.tasks; config adds run, gate, dependsOn and requires', () => {
  const s = spec([
    feature('a', [], { complexity: 'simple' }),
    feature('b', ['a'], { complexity: 'complex', gate: 'Spec gate' }),
    feature('c', ['a'], { complexity: 'medium' }),
  ]);
  const config = loaded({
    c: {
      run: 'make c',
      gate: 'Confirm the schema',
      requires: { env: ['TOKEN'], files: ['schema.sql'] },
      gateTimeout: 5,
      gateDefault: 'approve',
    },
    extra: { run: 'echo extra', dependsOn: ['b', 'c'] },
  });
  const plan = planBuild(s, config.config);
  assert.equal(plan.batches, [['a'], ['b', 'c'], ['extra']]);
  assert.equal(plan.criticalPath, ['a', 'b', 'extra']);
  assert.is(plan.weightedBy, 'complexity');
  const c = plan.tasks.find((t) => t.id === 'c')!;
  assert.is(c.run, 'make c');
  assert.is(c.gate, 'Confirm the schema');
  assert.equal(c.requires, { env: ['TOKEN'], files: ['schema.sql'] });
  assert.is(c.gateTimeout, 5);
  assert.is(c.gateDefault, 'approve');
  assert.is(plan.tasks.find((t) => t.id === 'b')!.gate, 'Spec gate');
  const extra = plan.tasks.find((t) => t.id === 'extra')!;
  assert.is(extra.featureId, null);
  assert.equal(extra.dependsOn, ['b', 'c']);
  assert.is(plan.rank.get('a'), 1 + 3 + 1);
});

test('complexity weights: simple 1, medium 2, complex 3, anything else 1', () => {
  assert.is(complexityWeight('simple'), 1);
  assert.is(complexityWeight(' Medium '), 2);
  assert.is(complexityWeight('complex'), 3);
  assert.is(complexityWeight('galactic'), 1);
  assert.is(complexityWeight(null), 1);
});

test('measured durations of earlier runs weight the critical path when every task has one', () => {
  const s = spec([feature('a'), feature('b', ['a'], { complexity: 'complex' }), feature('c', ['a'])]);
  const plan = planBuild(s, loaded().config, { durations: { a: 1000, b: 500, c: 9000 } });
  assert.is(plan.weightedBy, 'durations');
  assert.equal(plan.criticalPath, ['a', 'c']);
  const partial = planBuild(s, loaded().config, { durations: { a: 1000, c: 9000 } });
  assert.is(partial.weightedBy, 'complexity');
  assert.equal(partial.criticalPath, ['a', 'b']);
});

test('a cycle error names the whole cycle and where each edge is declared', () => {
  const s = spec([feature('a', ['c']), feature('b', ['a']), feature('c')]);
  const error = throwsInput(() => planBuild(s, loaded({ c: { dependsOn: ['b'] } }).config), /dependency cycle: a → c → b → a/);
  assert.match(error.message, /a → c \(PROJECT_SPEC\.md:10\)/);
  assert.match(error.message, /c → b \(build\.tasks\.c\.dependsOn\)/);
  assert.match(error.message, /b → a \(PROJECT_SPEC\.md:10\)/);
  assert.match(error.toLine(), /^PROJECT_SPEC\.md:1: /);
});

test('unknown dependencies and config-only tasks without run are input errors', () => {
  const unresolved = feature('a');
  unresolved.dependencyTexts = [{ text: 'Requires Nothing', line: 7, resolved: null }];
  throwsInput(() => planBuild(spec([unresolved]), loaded().config), /^PROJECT_SPEC\.md:7: .*unknown feature "Requires Nothing"/);
  throwsInput(
    () => planBuild(spec([feature('a')]), loaded({ a: { dependsOn: ['zz'] } }).config, { configFile: '.br-guardrc.json' }),
    /^\.br-guardrc\.json: build\.tasks\.a\.dependsOn: unknown task "zz"/,
  );
  throwsInput(() => planBuild(spec([]), loaded({ lonely: { gate: 'x' } }).config), /build\.tasks\.lonely: no feature/);
  const empty = planBuild(spec([]), loaded().config);
  assert.equal([empty.batches, empty.criticalPath, empty.tasks], [[], [], []]);
});

test('build plan on a 5,000-feature spec chain listed dependents-first (the spec parsed from markdown)', () => {
  const count = 5000;
  const parts = ['# PROJECT_SPEC: Chain\n\n## Features\n'];
  for (let i = count - 1; i >= 0; i--) {
    parts.push(
      `### Feature: Step ${i}\n\n**Requirements:**\n- Do step ${i}\n${i > 0 ? `\n**Dependencies:**\n- Requires Step ${i - 1}\n` : ''}`,
    );
  }
  const parsed = parseSpec(parts.join('\n'), 'PROJECT_SPEC.md');
  assert.is(parsed.features.length, count);
  const plan = planBuild(parsed, loaded().config);
  assert.is(plan.batches.length, count);
  assert.equal(plan.batches[0], ['step-0']);
  assert.is(plan.criticalPath.length, count);
  assert.is(plan.criticalPath.at(-1), 'step-4999');
  assert.is(plan.rank.get('step-0'), count);
});

test.run();
