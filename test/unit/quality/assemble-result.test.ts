import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultQualityStandards } from '../../../src/config/defaults.js';
import type { Finding } from '../../../src/domain/findings.js';
import { assembleResult } from '../../../src/quality/assemble-result.js';
import { qualityFinding } from '../../../src/quality/quality-finding.js';
import type { CheckerRun } from '../../../src/quality/run-checkers.js';
import type { Checker, CheckOutcome, Dimension } from '../../../src/quality/types.js';

function run(name: string, dimension: Dimension, outcome: CheckOutcome, files = ['a.ts'], error: string | null = null): CheckerRun {
  const checker: Checker = { name, dimension, appliesTo: () => true, run: async () => outcome };
  return { checker, files: files.map((path) => ({ path, read: async () => '' })), outcome, error, durationMs: 5 };
}

const eslintError = qualityFinding({
  check: 'eslint',
  rule: 'no-undef',
  severity: 'error',
  file: 'a.ts',
  line: 3,
  column: 1,
  message: 'x is not defined',
});
const eslintOld = qualityFinding({
  check: 'eslint',
  rule: 'no-undef',
  severity: 'error',
  file: 'a.ts',
  line: 9,
  column: 1,
  message: 'y is not defined',
});
const prettierWarn = qualityFinding({
  check: 'prettier',
  rule: 'format',
  severity: 'warning',
  file: 'a.ts',
  line: 1,
  column: 1,
  message: 'not formatted',
});

test('hold the line: findings on untouched lines are old and do not fail the gate', () => {
  const result = assembleResult({
    runs: [run('eslint', 'format', { findings: [eslintOld] })],
    standards: defaultQualityStandards(),
    touched: new Map([['a.ts', new Set([3])]]),
    lineCounts: new Map([['a.ts', 100]]),
    scope: 'staged',
    fixed: [],
    fixNotes: [],
  });
  assert.is(result.findings[0]?.new, false);
  assert.is(result.passed, true);
  assert.is(result.checks[0]?.status, 'passed');
  assert.is(result.dimensions.format?.score, 100);
  assert.is(result.dimensions.format?.findings, 0);
});

test('a new error fails the gate; dimension scores follow the formula', () => {
  const result = assembleResult({
    runs: [
      run('eslint', 'format', { findings: [eslintError, eslintOld] }),
      run('prettier', 'format', { findings: [prettierWarn], fixable: new Set([prettierWarn.fingerprint]) }),
    ],
    standards: defaultQualityStandards(),
    touched: new Map([['a.ts', new Set([1, 3])]]),
    lineCounts: new Map([['a.ts', 100]]),
    scope: 'staged',
    fixed: [],
    fixNotes: [],
  });
  // New: error (10) + warning (3) on 100 lines (= 1 KLOC floor) → 87.
  assert.is(result.dimensions.format?.score, 87);
  assert.is(result.dimensions.format?.rating, 'B');
  assert.is(result.score, 87);
  assert.is(result.passed, false);
  assert.equal(result.failures, ['1 new error-severity finding']);
  assert.equal(
    result.findings.map((f) => [f.line, f.new, f.fixable]),
    [
      [1, true, true],
      [3, true, false],
      [9, false, false],
    ],
  );
  assert.equal(
    result.checks.map((c) => [c.name, c.status]),
    [
      ['eslint', 'failed'],
      ['prettier', 'failed'],
    ],
  );
});

test('--all judges every finding; thresholds; skipped and errored checks', () => {
  const standards = defaultQualityStandards();
  const warnings = Array.from({ length: 12 }, (_, i) =>
    qualityFinding({ check: 'complexity', rule: 'function-length', severity: 'warning', file: 'a.ts', line: i + 1, message: `f${i}` }),
  );
  const result = assembleResult({
    runs: [
      run('complexity', 'complexity', { findings: warnings }),
      run('mypy', 'types', { findings: [], skipped: 'mypy is not installed (pip install mypy)' }),
      run('tsc', 'types', { findings: [] }, ['a.ts'], 'timed out after 1 s'),
      run('coverage', 'tests', { findings: [], measured: 91.2, note: 'line coverage 91.2%' }),
    ],
    standards,
    touched: null,
    lineCounts: new Map([['a.ts', 2000]]),
    scope: 'all',
    fixed: [],
    fixNotes: [],
  });
  // 12 warnings = 36 points over 2 KLOC = 18 → 82; tests measured 91.2; overall (1·82 + 1·91.2) / 2 = 86.6.
  assert.is(result.dimensions.complexity?.score, 82);
  assert.is(result.dimensions.tests?.score, 91.2);
  assert.not.ok('types' in result.dimensions, 'skipped and errored checks do not score');
  assert.is(result.score, 86.6);
  assert.equal(result.failures, ['check tsc could not run: timed out after 1 s']);
  assert.equal(
    result.checks.map((c) => [c.name, c.status, c.reason]),
    [
      ['complexity', 'failed', null],
      ['coverage', 'passed', 'line coverage 91.2%'],
      ['mypy', 'skipped', 'mypy is not installed (pip install mypy)'],
      ['tsc', 'error', 'timed out after 1 s'],
    ],
  );
  assert.is(result.linesChecked, 2000);
});

test('dimension and overall minimums', () => {
  const standards = defaultQualityStandards();
  standards.gates.minScore = 99.5;
  const secret = qualityFinding({ check: 'secrets', rule: 'github-token', severity: 'info', file: 'a.ts', line: 1, message: 'token' });
  const result = assembleResult({
    runs: [run('secrets', 'secrets', { findings: [secret] })],
    standards,
    touched: null,
    lineCounts: new Map([['a.ts', 10]]),
    scope: 'files',
    fixed: ['a.ts'],
    fixNotes: [],
  });
  // One info finding (1 point) on 10 lines → 99: under the overall 99.5 and the secrets minimum 100.
  assert.equal(result.failures, ['overall score 99 is below 99.5', 'secrets score 99 is below 100']);
  assert.is(result.passed, false);
});

test('quality: hold-the-line makes an untouched line old, a baseline baselined; fixable findings carry a fix', () => {
  const checker = (findings: Finding[], fixable: string[] = []) => run('eslint', 'format', { findings, fixable: new Set(fixable) });
  const onTouched = qualityFinding({ check: 'eslint', rule: 'no-var', severity: 'error', file: 'a.js', line: 2, message: 'no var' });
  const untouched = qualityFinding({ check: 'eslint', rule: 'no-var', severity: 'error', file: 'a.js', line: 9, message: 'again' });
  const otherFile = qualityFinding({ check: 'eslint', rule: 'eqeqeq', severity: 'error', file: 'b.js', line: 1, message: 'eq' });
  const accepted: Finding = { ...onTouched, rule: 'secret', fingerprint: 'accepted', status: 'baselined' };
  const result = assembleResult({
    runs: [checker([onTouched, untouched, otherFile, accepted], [onTouched.fingerprint])],
    standards: defaultQualityStandards(),
    touched: new Map([['a.js', new Set([2])]]),
    lineCounts: new Map([['a.js', 10]]),
    scope: 'staged',
    fixed: [],
    fixNotes: [],
  });
  const byMessage = new Map(result.findings.map((f) => [`${f.message}/${f.rule}`, f]));
  assert.equal(
    [...byMessage.values()].map((f) => [f.message, f.system, f.status, f.new]),
    [
      ['no var', 'quality', 'new', true],
      ['no var', 'quality', 'baselined', false],
      ['again', 'quality', 'old', false],
      ['eq', 'quality', 'old', false],
    ],
  );
  const fixable = byMessage.get('no var/no-var')!;
  assert.equal([fixable.fixable, fixable.fix], [true, { description: 'eslint can fix this: br-guard quality check --fix', file: 'a.js' }]);
  assert.is(byMessage.get('again/no-var')!.fix, undefined);
  // Only the one new error blocks.
  assert.equal(
    result.failures.filter((f) => /new error/.test(f)),
    ['1 new error-severity finding'],
  );
  const whole = assembleResult({
    runs: [checker([untouched])],
    standards: defaultQualityStandards(),
    touched: null,
    lineCounts: new Map(),
    scope: 'all',
    fixed: [],
    fixNotes: [],
  });
  assert.is(whole.findings[0]!.status, 'new');
});

test.run();
