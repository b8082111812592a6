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

test.run();
