import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { architectureProblems } from '../../../src/config/architecture-problems.js';
import { defaultConfig } from '../../../src/config/defaults.js';
import { captureCount, captureReferences, captureRegex, substituteCaptures } from '../../../src/config/glob-captures.js';
import type { BoundaryRule } from '../../../src/config/types.js';

test('every wildcard of a glob is a capture, numbered from the left', () => {
  assert.is(captureCount('src/features/*/**'), 2);
  assert.is(captureCount('src/a.ts'), 0);
  assert.is(captureCount('packages/*/src/**/*.ts'), 3);
  assert.equal(captureRegex('src/features/*/**').exec('src/features/cart/ui/list.ts')?.slice(1), ['cart', 'ui/list.ts']);
  assert.is(captureRegex('src/features/*/**').exec('src/shared/x.ts'), null);
  assert.equal(captureReferences('src/$1/**/$12'), [1, 12]);
});

test('substituting captures escapes glob characters, so a folder named [id] stands for itself', () => {
  assert.is(substituteCaptures('src/features/$1/**', ['cart']), 'src/features/cart/**');
  assert.is(substituteCaptures('app/$1/**', ['[id]']), 'app/\\[id\\]/**');
  assert.is(substituteCaptures('$2/x', ['a']), '$2/x');
});

function problems(...boundaries: BoundaryRule[]): string[] {
  const config = defaultConfig();
  config.architecture.boundaries = boundaries;
  return architectureProblems(config).map((p) => `${p.path.join('.')}: ${p.message}`);
}

test('a boundary using a capture its from lacks, or with neither to nor allow, is a problem at its key', () => {
  assert.equal(
    problems({ from: 'src/features/*/**', allow: ['src/features/$1/**'] }, { from: 'src/features/*/**', to: 'src/features/**' }),
    [],
  );
  assert.equal(problems({ from: 'src/app.ts', allow: ['src/shared/**', 'src/features/$1/**'] }), [
    'architecture.boundaries.0.allow.1: "src/features/$1/**" uses $1, but from "src/app.ts" has no capture: each wildcard of from (*, **, ?, an extglob) is one capture',
  ]);
  assert.equal(problems({ from: 'src/*/x.ts', to: 'lib/$3/**' }), [
    'architecture.boundaries.0.to: "lib/$3/**" uses $3, but from "src/*/x.ts" has 1 ($1): each wildcard of from (*, **, ?, an extglob) is one capture',
  ]);
  assert.equal(
    problems({ from: 'src/*/*/**', to: 'lib/$0/**' })[0]?.split(':')[1],
    ' "lib/$0/**" uses $0, but from "src/*/*/**" has 3 ($1 to $3)',
  );
  assert.equal(problems({ from: 'src/**' }), [
    'architecture.boundaries.0: needs "to" (what it forbids) or "allow" (what it permits), or both',
  ]);
});

test.run();
