import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { BrGuardConfig } from '../../../src/config/types.js';
import type { ImportEdge } from '../../../src/drift/imports/import-graph.js';
import { boundaryViolation } from '../../../src/drift/rules/boundary-violation.js';
import type { DriftAnalysis } from '../../../src/drift/rules/drift-rule.js';
import { createModuleIndex, internalImport } from '../../../src/drift/rules/internal-import.js';

function edge(from: string, to: string | null, specifier = to ?? '', extra: Partial<ImportEdge> = {}): ImportEdge {
  return { from, to, specifier, line: 1, typeOnly: false, ...extra };
}

/** The rule's keys for these edges under this architecture. */
function keys(rule: typeof internalImport, edges: ImportEdge[], change: (architecture: BrGuardConfig['architecture']) => void): string[] {
  const config = defaultConfig();
  change(config.architecture);
  return rule.check({ config, addedEdges: edges } as unknown as DriftAnalysis).map((v) => v.key);
}

test('createModuleIndex: the innermost module folder a file is in', () => {
  const moduleOf = createModuleIndex(['src/features/*', 'src/features/*/widgets/*']);
  assert.is(moduleOf('src/features/cart/model.ts'), 'src/features/cart');
  assert.is(moduleOf('src/features/cart/ui/deep/list.ts'), 'src/features/cart');
  assert.is(moduleOf('src/features/cart/widgets/total/index.ts'), 'src/features/cart/widgets/total');
  assert.is(moduleOf('src/features/cart/ui/other.ts'), 'src/features/cart');
  assert.is(moduleOf('src/app.ts'), null);
  assert.is(moduleOf('README.md'), null);
});

test('internal-import: from outside a module only its entry; within it anything; internal/ only from under its parent', () => {
  const edges = [
    edge('src/app.ts', 'src/features/cart/index.ts'),
    edge('src/app.ts', 'src/features/cart/index.tsx'),
    edge('src/app.ts', 'src/features/cart/model.ts'),
    edge('src/app.ts', 'src/features/cart/ui/index.ts'),
    edge('src/features/cart/ui/list.ts', 'src/features/cart/model.ts'),
    edge('src/features/cart/model.ts', 'src/features/cart/internal/price.ts'),
    edge('src/features/user/index.ts', 'src/features/cart/internal/index.ts'),
    edge('src/lib/a.ts', 'src/lib/internal/b.ts'),
    edge('src/app.ts', 'src/lib/internal/b.ts'),
    edge('src/app.ts', 'src/lib/internal/b.ts'),
    edge('src/lib/a.ts', 'src/lib/x/internal/b/internal/c.ts'),
    edge('src/app.ts', null, 'lodash/internal/x'),
  ];
  assert.equal(
    keys(internalImport, edges, (a) => (a.modules = ['src/features/*'])),
    [
      'src/app.ts -> src/features/cart/model.ts',
      'src/app.ts -> src/features/cart/ui/index.ts',
      'src/features/user/index.ts -> src/features/cart/internal/index.ts',
      'src/app.ts -> src/lib/internal/b.ts',
      'src/lib/a.ts -> src/lib/x/internal/b/internal/c.ts',
    ],
  );
  // No modules configured: the rule is off, internal/ folders included.
  assert.equal(
    keys(internalImport, edges, () => {}),
    [],
  );
});

test('boundary-violation: allow with captures is "a feature may import only itself and shared"', () => {
  const edges = [
    edge('src/features/cart/a.ts', 'src/features/cart/b.ts'),
    edge('src/features/cart/a.ts', 'src/shared/util.ts'),
    edge('src/features/cart/a.ts', 'src/features/user/index.ts'),
    edge('src/features/cart/a.ts', 'src/features/user/index.ts'),
    edge('src/features/user/ui/p.ts', 'src/features/cart/index.ts'),
    edge('src/app.ts', 'src/features/user/index.ts'),
    edge('src/features/cart/a.ts', null, 'lodash'),
    edge('src/features/cart/a.ts', null, './missing.js'),
  ];
  const allow = (a: BrGuardConfig['architecture']) =>
    (a.boundaries = [{ from: 'src/features/*/**', allow: ['src/features/$1/**', 'src/shared/**'] }]);
  assert.equal(keys(boundaryViolation, edges, allow), [
    'src/features/cart/a.ts -> src/features/user/index.ts',
    'src/features/user/ui/p.ts -> src/features/cart/index.ts',
  ]);
  // The same policy as to + allow: only other features are judged, so src/lib would pass too.
  const toAllow = (a: BrGuardConfig['architecture']) =>
    (a.boundaries = [{ from: 'src/features/*/**', to: 'src/features/**', allow: ['src/features/$1/**'] }]);
  assert.equal(keys(boundaryViolation, [...edges, edge('src/features/cart/a.ts', 'src/lib/x.ts')], toAllow), [
    'src/features/cart/a.ts -> src/features/user/index.ts',
    'src/features/user/ui/p.ts -> src/features/cart/index.ts',
  ]);
  const config = defaultConfig();
  toAllow(config.architecture);
  const [first] = boundaryViolation.check({ config, addedEdges: edges } as unknown as DriftAnalysis);
  assert.is(
    first?.message,
    'src/features/cart/a.ts -> src/features/user/index.ts: architecture.boundaries[0] (from "src/features/*/**", $1 = cart) forbids src/features/** except src/features/cart/**: import it through an allowed module, or move the shared code to one',
  );
});

test('boundary-violation: a to naming a package bans it and its subpaths from the matching files; the first entry that judges decides', () => {
  const edges = [
    edge('src/features/cart/a.ts', null, 'express/lib/router'),
    edge('src/features/cart/a.ts', null, 'node:fs'),
    edge('src/server/a.ts', null, 'express'),
    edge('src/features/cart/b.ts', null, 'express', { alias: true }),
  ];
  assert.equal(
    keys(boundaryViolation, edges, (a) => (a.boundaries = [{ from: 'src/features/**', to: 'express', message: 'features do no HTTP' }])),
    ['src/features/cart/a.ts -> express/lib/router'],
  );
  assert.equal(
    keys(boundaryViolation, edges, (a) => (a.boundaries = [{ from: 'src/*/**', to: 'node:*', allow: ['node:path'] }])),
    ['src/features/cart/a.ts -> node:fs'],
  );
});

test.run();
