import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { skipWithout } from '../../helpers/python-tools.js';

const loaded = (): LoadedConfig => ({
  config: defaultConfig(),
  configFile: null,
  standards: defaultQualityStandards(),
  standardsFile: null,
});

test('syntax errors in ESLint and Ruff; Ruff skips its format check on unparsable files', async () => {
  const repo = createTempRepo({ files: { 'bad.js': 'const = 1;\n', 'bad.py': 'def (:\n', 'undefined.py': 'print(name)\n' } });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'all' }, fix: false, only: ['eslint', 'ruff'] });
    assert.equal([...new Set(result.findings.map((f) => `${f.check}:${f.rule}:${f.severity}:${f.file}`))].sort(), [
      'eslint:syntax-error:error:bad.js',
      'ruff:F821:error:undefined.py',
      'ruff:invalid-syntax:error:bad.py',
    ]);
  } finally {
    repo.cleanup();
  }
});

test("mypy and Bandit use the project's config; a tool that fails is an error, not a pass", async () => {
  if (await skipWithout("mypy and Bandit use the project's config; a tool that fails is an error, not a pass", 'mypy', 'bandit')) return;
  const repo = createTempRepo({ files: { 'mypy.ini': '[mypy]\nstrict = True\n', 'a.py': 'def f(x):\n    return x\n' } });
  try {
    const git = await Git.open(repo.root);
    const strict = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'all' }, fix: false, only: ['mypy'] });
    assert.equal(
      strict.findings.map((f) => f.rule),
      ['no-untyped-def'],
    );
    // `sh` stands in for a tool that rejects its arguments (exit 2).
    const broken = await runQualityCheck(
      { git, loaded: loaded(), tools: { mypy: 'sh', bandit: 'sh' } },
      { scope: { kind: 'all' }, fix: false, only: ['mypy', 'bandit'] },
    );
    assert.equal(
      broken.checks.map((c) => [c.name, c.status]),
      [
        ['bandit', 'error'],
        ['mypy', 'error'],
      ],
    );
    assert.match(broken.checks[1]?.reason ?? '', /^mypy failed/);
    assert.match(broken.checks[0]?.reason ?? '', /^bandit failed/);
    assert.is(broken.passed, false);
  } finally {
    repo.cleanup();
  }
});

test('Black as a fixer: a file it cannot parse is reported, not rewritten', async () => {
  if (await skipWithout('Black as a fixer: a file it cannot parse is reported, not rewritten', 'black')) return;
  const repo = createTempRepo({ files: { 'bad.py': 'def (:\n', 'pyproject.toml': '[tool.black]\nline-length = 100\n' } });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'files', files: ['bad.py'] }, fix: true, only: ['black'] },
    );
    assert.equal(result.fixed, []);
    assert.match(result.fixNotes[0] ?? '', /^bad\.py: not fixed \(black could not format bad\.py: error: cannot format/);
  } finally {
    repo.cleanup();
  }
});

test.run();
