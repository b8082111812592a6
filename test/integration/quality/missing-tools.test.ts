import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const loaded = (): LoadedConfig => ({
  config: defaultConfig(),
  configFile: null,
  standards: defaultQualityStandards(),
  standardsFile: null,
});

test('audit without npm, a coverage report without totals, tsc without tsconfig: skipped with the reason', async () => {
  const repo = createTempRepo({
    files: {
      'package.json': '{}\n',
      'package-lock.json': '{"lockfileVersion":3,"packages":{}}\n',
      'coverage/coverage-summary.json': '{"total":{}}\n',
      'a.ts': 'export const a = 1;\n',
    },
  });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded(), tools: { npm: 'br-guard-no-npm' } },
      { scope: { kind: 'all' }, fix: false, only: ['audit', 'coverage', 'tsc'] },
    );
    assert.equal(
      result.checks.map((c) => [c.name, c.status, c.reason]),
      [
        ['audit', 'skipped', 'npm is not installed (install Node.js with npm: https://nodejs.org)'],
        ['coverage', 'skipped', 'coverage/coverage-summary.json has no line coverage total'],
        ['tsc', 'skipped', 'no tsconfig.json at the repository root (create one: npx tsc --init)'],
      ],
    );
    assert.is(result.passed, true, 'skipped checks do not fail the gate');
    assert.equal(result.dimensions, {});
    assert.is(result.score, 100);
  } finally {
    repo.cleanup();
  }
});

test('dependencies not installed: tsc and an ESLint config whose plugin is absent are skipped with the install command, not scored', async () => {
  const repo = createTempRepo({
    files: {
      'package.json': JSON.stringify({ type: 'module', devDependencies: { '@antfu/eslint-config': '^1.0.0', typescript: '^5.0.0' } }),
      'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
      'tsconfig.json': '{}\n',
      'eslint.config.js': "import antfu from '@antfu/eslint-config';\nexport default antfu();\n",
      'src/a.ts': "import { x } from 'not-installed';\nexport const a: number = x;\n",
    },
  });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'all' }, fix: false, only: ['tsc', 'eslint'] });
    assert.equal(
      result.checks.map((c) => [c.name, c.status, c.reason]),
      [
        [
          'eslint',
          'skipped',
          "@antfu/eslint-config, which the project's ESLint config imports, is not installed (install the project's dependencies: pnpm install)",
        ],
        ['tsc', 'skipped', "the project's dependencies are not installed (no node_modules): run `pnpm install` first"],
      ],
    );
    assert.is(result.passed, true);
    assert.equal(result.findings, []);
  } finally {
    repo.cleanup();
  }
});

test('mypy that cannot parse the code (a newer Python than its own) is skipped with the hint; other failures stay errors', async () => {
  const repo = createTempRepo({ files: { 'app.py': 'try:\n    pass\nexcept ValueError, TypeError:\n    pass\n' } });
  try {
    const fake = (name: string, line: string): string => {
      const path = join(repo.root, name);
      repo.write({ [name]: `#!/bin/sh\necho '${line}'\nexit 2\n` });
      chmodSync(path, 0o755);
      return path;
    };
    const git = await Git.open(repo.root);
    const run = (mypy: string) =>
      runQualityCheck(
        { git, loaded: loaded(), tools: { mypy } },
        { scope: { kind: 'files', files: ['app.py'] }, fix: false, only: ['mypy'] },
      );
    const syntax = await run(fake('mypy-syntax', 'app.py:3:8: error: multiple exception types must be parenthesized  [syntax]'));
    assert.equal(
      syntax.checks.map((c) => [c.status, c.reason]),
      [
        [
          'skipped',
          "mypy cannot parse this code (app.py:3:8: error: multiple exception types must be parenthesized  [syntax]): install a mypy that runs on the project's Python version (pip install mypy in that Python)",
        ],
      ],
    );
    assert.is(syntax.passed, true);
    const crash = await run(fake('mypy-crash', 'mypy: error: unrecognized arguments'));
    assert.equal(
      crash.checks.map((c) => c.status),
      ['error'],
    );
    assert.is(crash.passed, false);
  } finally {
    repo.cleanup();
  }
});

test.run();
