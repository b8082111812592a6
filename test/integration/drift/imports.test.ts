import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GitError } from '../../../src/adapters/git.js';
import { parseRange } from '../../../src/drift/diff/change-set.js';
import { importCacheFile } from '../../../src/drift/imports/import-cache.js';
import { runDriftCheck } from '../../../src/drift/run-drift-check.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { driftDeps, makeConfig, makeSpec, summary } from './drift-fixtures.js';

const layered = makeConfig((c) => {
  c.architecture.layers = [
    { name: 'cli', paths: ['src/cli/**', 'app/cli/**'] },
    { name: 'core', paths: ['src/core/**', 'app/core/**'] },
    { name: 'domain', paths: ['src/domain/**', 'app/domain/**'] },
  ];
  c.architecture.forbidden = [
    { from: 'src/domain/**', to: 'node:*' },
    // A per-layer package ban covers the package's subpaths.
    { from: 'src/domain/**', to: 'express' },
  ];
  c.architecture.undocumentedAllowed = ['**'];
  // Each test repo has only some of these folders.
  c.architecture.rules = { 'unmatched-pattern': 'off' };
});
const spec = makeSpec({});
const staged = { scope: { kind: 'staged' as const } };

test('identifies architecture changes: layer violations and forbidden imports (upward imports fail, downward pass, tsconfig paths resolved)', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@cli/*": ["src/cli/*"], "@domain/*": ["src/domain/*"] } } }',
      'src/cli/main.ts': "import { run } from '../core/run.js';\n",
      'src/core/run.ts': "import type { Model } from '@domain/model';\nexport const run = 1;\n",
      'src/domain/model.ts': 'export interface Model {}\n',
    },
  });
  try {
    repo.write({
      'src/domain/model.ts':
        "import { readFile } from 'node:fs';\nimport { main } from '@cli/main';\nimport { Router } from 'express/lib/router';\nexport interface Model {}\n",
      'src/core/run.ts':
        "import type { Model } from '@domain/model';\nimport { model } from '../domain/index.js';\nexport const run = 1;\n",
      'src/domain/index.ts': 'export const model = 1;\n',
    });
    repo.git('add', '-A');
    const result = await runDriftCheck(await driftDeps(repo, spec, layered), staged);
    assert.equal(summary(result), [
      'layer-violation src/domain/model.ts -> src/cli/main.ts',
      'forbidden-import src/domain/model.ts -> node:fs',
      'forbidden-import src/domain/model.ts -> express/lib/router',
    ]);
    assert.equal(result.changes, {
      filesAdded: 1,
      filesRemoved: 0,
      filesRenamed: 0,
      importsAdded: 4,
      importsRemoved: 0,
      dependenciesAdded: [],
      dependenciesRemoved: [],
      endpointsAdded: [],
    });
    const layer = result.violations[0];
    assert.is(layer?.line, 2);
    assert.match(layer?.message ?? '', /layer domain.*layer cli, above it/);
  } finally {
    repo.cleanup();
  }
});

test('layer-violation in Python: absolute, relative and package imports resolved', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'app/__init__.py': '',
      'app/cli/__init__.py': '',
      'app/cli/main.py': 'X = 1\n',
      'app/domain/__init__.py': '',
      'app/domain/model.py': 'Y = 1\n',
    },
  });
  try {
    repo.write({
      'app/domain/model.py': 'from app.cli.main import X\nfrom ..cli import main\nimport os\nY = 1\n',
      'app/cli/main.py': 'from app.domain import model\nX = 1\n',
    });
    repo.git('add', '-A');
    const result = await runDriftCheck(await driftDeps(repo, spec, layered), staged);
    assert.equal(summary(result), [
      'layer-violation app/domain/model.py -> app/cli/main.py',
      'import-cycle app/cli/main.py -> app/domain/model.py -> app/cli/main.py',
    ]);
  } finally {
    repo.cleanup();
  }
});

test('import-cycle: a range of several commits closing a cycle is printed in full; type-only imports do not count', async () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n', 'src/c.ts': 'export const c = 1;\n' },
  });
  try {
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.commit('a→b', { 'src/a.ts': "import { b } from './b.js';\nexport const a = 1;\n" });
    repo.commit('b→c', { 'src/b.ts': "import { c } from './c.js';\nexport const b = 1;\n" });
    repo.commit('c→a (type only)', { 'src/c.ts': "import type { a } from './a.js';\nexport const c = 1;\n" });
    const deps = await driftDeps(repo, spec, layered);
    const typeOnly = await runDriftCheck(deps, { scope: { kind: 'range', from: base, to: 'HEAD' } });
    assert.equal(summary(typeOnly), []);
    repo.commit('c→a', { 'src/c.ts': "import { a } from './a.js';\nexport const c = 1;\n" });
    const result = await runDriftCheck(deps, { scope: await parseRange(deps.git, `${base}..HEAD`) });
    assert.equal(summary(result), ['import-cycle src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts']);
    assert.match(result.violations[0]?.message ?? '', /src\/a.ts → src\/b.ts → src\/c.ts → src\/a.ts/);
    // The last commit alone also closes it; the commits before it alone do not.
    assert.is((await runDriftCheck(deps, { scope: await parseRange(deps.git, 'HEAD~1..HEAD') })).violations.length, 1);
    assert.is((await runDriftCheck(deps, { scope: await parseRange(deps.git, `${base}..HEAD~1`) })).violations.length, 0);
    // The whole tree reports every cycle.
    const whole = await runDriftCheck(deps, { scope: { kind: 'all' } });
    assert.equal(summary(whole), ['import-cycle src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts']);
    assert.ok(existsSync(join(repo.root, importCacheFile)));
    const cache = JSON.parse(readFileSync(join(repo.root, importCacheFile), 'utf8')) as {
      version: number;
      entries: Record<string, unknown>;
    };
    assert.is(cache.version, 2);
    assert.ok(Object.keys(cache.entries).length >= 3);
  } finally {
    repo.cleanup();
  }
});

test('ranges: A...B compares from the merge base; a bad ref is a one-line git error (exit 2)', async () => {
  const repo = createTempRepo({ commit: true, files: { 'src/a.ts': 'export {};\n' } });
  try {
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature', { 'src/feature.ts': 'export {};\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main moves on', { 'src/main-only.ts': 'export {};\n' });
    const deps = await driftDeps(repo, spec, makeConfig());
    const scope = await parseRange(deps.git, 'main...feature');
    assert.is(scope.from, base);
    const result = await runDriftCheck(deps, { scope });
    assert.equal(summary(result), ['undocumented-file src/feature.ts']);
    assert.match(result.violations[0]?.message ?? '', /spec was not updated in this change/);
    let error: unknown;
    try {
      await runDriftCheck(deps, { scope: await parseRange(deps.git, 'nope..HEAD') });
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof GitError);
    assert.is((error as GitError).exitCode, 2);
    assert.match((error as Error).message, /unknown revision: nope/);
    for (const bad of ['HEAD', '..']) {
      try {
        await parseRange(deps.git, bad);
        assert.unreachable();
      } catch (caught) {
        assert.match((caught as Error).message, /--range expects A..B/);
      }
    }
  } finally {
    repo.cleanup();
  }
});

test('whole-tree scope reads the work tree, including untracked files, and skips deleted ones', async () => {
  const repo = createTempRepo({ commit: true, files: { 'src/cli/main.ts': 'export {};\n', 'src/gone.ts': 'export {};\n' } });
  try {
    repo.write({ 'src/domain/model.ts': "import '../cli/main';\n" });
    repo.git('rm', '-q', '--cached', 'src/gone.ts');
    const loaded = makeConfig((c) => {
      c.architecture.layers = [
        { name: 'cli', paths: ['src/cli/**'] },
        { name: 'domain', paths: ['src/domain/**'] },
      ];
    });
    const result = await runDriftCheck(
      await driftDeps(repo, makeSpec({ features: [{ name: 'All', files: ['src/cli/main.ts', 'src/domain/model.ts'] }] }), loaded),
      {
        scope: { kind: 'all' },
      },
    );
    assert.equal(summary(result), ['undocumented-file src/gone.ts', 'layer-violation src/domain/model.ts -> src/cli/main.ts']);
    assert.match(result.violations[0]?.message ?? '', /is not named by the spec/);
    assert.is(result.summary.filesChecked, 3);
  } finally {
    repo.cleanup();
  }
});

test.run();
