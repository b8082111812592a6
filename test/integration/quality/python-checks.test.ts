import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import type { QualityResult } from '../../../src/quality/types.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { installed, skipWithout } from '../../helpers/python-tools.js';

const loaded = (): LoadedConfig => ({
  config: defaultConfig(),
  configFile: null,
  standards: defaultQualityStandards(),
  standardsFile: null,
});
const check = (result: QualityResult, name: string) => result.checks.find((c) => c.name === name);
const rules = (result: QualityResult, name: string) => result.findings.filter((f) => f.check === name).map((f) => `${f.line}:${f.rule}`);

const app = [
  'import os',
  'import subprocess',
  'def f(a:int)->str:',
  '  subprocess.call(a, shell=True)',
  '  return a',
  'x = eval("1")',
  '',
].join('\n');

test('Python: Ruff in-process with the project settings; Black, mypy and Bandit for real when installed', async () => {
  const repo = createTempRepo({
    files: { 'app.py': app, 'pyproject.toml': '[tool.ruff]\nline-length = 100\n[tool.ruff.lint]\nselect = ["F", "E"]\n' },
  });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'all' }, fix: false, only: ['ruff', 'black', 'mypy', 'bandit'] },
    );
    assert.equal(rules(result, 'ruff'), ['1:F401', '3:format']);
    if (await installed('black')) {
      assert.equal(rules(result, 'black'), ['1:format']);
    } else {
      assert.is(check(result, 'black')?.status, 'skipped');
      assert.match(check(result, 'black')?.reason ?? '', /pip install black/);
    }
    if (await installed('mypy')) {
      assert.equal(rules(result, 'mypy'), ['4:arg-type', '5:return-value']);
      assert.is(check(result, 'mypy')?.status, 'failed');
    } else {
      assert.is(check(result, 'mypy')?.status, 'skipped');
      assert.match(check(result, 'mypy')?.reason ?? '', /pip install mypy/);
    }
    if (await installed('bandit')) {
      assert.equal(rules(result, 'bandit'), ['2:B404', '4:B602', '6:B307']);
      assert.is(check(result, 'bandit')?.reason, null);
    } else {
      assert.ok(rules(result, 'bandit').includes('4:S602'));
    }
  } finally {
    repo.cleanup();
  }
});

test('missing tools: Black and mypy are skipped with an install hint; Bandit falls back to Ruff S rules', async () => {
  const repo = createTempRepo({ files: { 'app.py': app } });
  try {
    const git = await Git.open(repo.root);
    const tools = { black: 'br-guard-no-black', mypy: 'br-guard-no-mypy', bandit: 'br-guard-no-bandit' };
    const result = await runQualityCheck(
      { git, loaded: loaded(), tools },
      { scope: { kind: 'all' }, fix: false, only: ['black', 'mypy', 'bandit'] },
    );
    assert.is(check(result, 'black')?.status, 'skipped');
    assert.match(check(result, 'black')?.reason ?? '', /br-guard-no-black is not installed \(install it: pip install black/);
    assert.is(check(result, 'mypy')?.status, 'skipped');
    assert.match(check(result, 'mypy')?.reason ?? '', /pip install mypy/);
    assert.is(check(result, 'bandit')?.status, 'failed');
    assert.match(check(result, 'bandit')?.reason ?? '', /bandit is not installed .*pip install bandit.*Ruff's S rules/);
    assert.equal(rules(result, 'bandit'), ['4:S602', '6:S307']);
    assert.is(result.findings.find((f) => f.rule === 'S602')?.severity, 'error');
  } finally {
    repo.cleanup();
  }
});

test('Python --fix: Ruff fixes and format, then Black; staged content in the index', async () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# x\n' } });
  try {
    repo.write({ 'app.py': app });
    repo.git('add', 'app.py');
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: true, only: ['ruff', 'black'] });
    const expected = 'import subprocess\n\n\ndef f(a: int) -> str:\n    subprocess.call(a, shell=True)\n    return a\n\n\nx = eval("1")\n';
    assert.is(repo.git('show', ':app.py'), expected);
    assert.is(readFileSync(`${repo.root}/app.py`, 'utf8'), expected);
    assert.equal(rules(result, 'ruff'), []);
    assert.equal(result.fixed, ['app.py']);
    assert.not.match(JSON.stringify(result), /not fixed/, 'a missing Black never stops Ruff from fixing');
    if (await installed('black')) {
      // Black ran after Ruff and agrees with it: nothing left to format.
      assert.equal(rules(result, 'black'), []);
      assert.is(check(result, 'black')?.status, 'passed');
    } else {
      assert.is(check(result, 'black')?.status, 'skipped');
      assert.match(check(result, 'black')?.reason ?? '', /pip install black/);
    }
  } finally {
    repo.cleanup();
  }
});

test('staged mypy and Bandit read the staged content from a temporary copy', async () => {
  if (await skipWithout('staged mypy and Bandit read the staged content from a temporary copy', 'mypy', 'bandit')) return;
  const repo = createTempRepo({ commit: true, files: { 'pkg/m.py': 'def g() -> int:\n    return 1\n' } });
  try {
    repo.write({ 'pkg/m.py': 'def g() -> int:\n    return "s"\n' });
    repo.git('add', 'pkg/m.py');
    repo.write({ 'pkg/m.py': 'def g() -> int:\n    return 1\n' });
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: false, only: ['mypy', 'bandit'] });
    assert.equal(
      result.findings.filter((f) => f.check === 'mypy').map((f) => [f.file, f.line, f.rule]),
      [['pkg/m.py', 2, 'return-value']],
    );
    assert.is(check(result, 'bandit')?.status, 'passed');
  } finally {
    repo.cleanup();
  }
});

test.run();
