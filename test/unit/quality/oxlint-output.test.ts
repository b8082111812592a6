import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { oxlintFindings, oxlintRule } from '../../../src/quality/checkers/oxlint-output.js';
import { oxlintArgs } from '../../../src/quality/checkers/oxlint-checker.js';
import { fixableRules, oxlintFixableRules } from '../../../src/quality/checkers/oxlint-fixable.js';
import { batchedFixer } from '../../../src/quality/checkers/shadow-rewrite.js';
import { positionOf } from '../../../src/quality/checkers/oxfmt-checker.js';

// Captured from `oxlint --format json -D no-debugger -W typescript/no-explicit-any -- src/a.ts src/b.ts` (oxlint 1.95.0).
const report = readFileSync(new URL('../../../../test/fixtures/quality/captured/oxlint-report.json', import.meta.url), 'utf8');
const texts = new Map([
  ['src/a.ts', 'const unused = 1;\ndebugger;\nexport function f(a: any) { if (a == null) { return eval("x") } }\n'],
  ['src/b.ts', 'let y = ;\n'],
]);

test('oxlint JSON: one finding per diagnostic, with ESLint-style rule names, severities and 1-based positions', () => {
  const findings = oxlintFindings(report, texts);
  assert.equal(findings.map((f) => [f.check, f.rule, f.severity, f.file, f.line, f.column]).sort(), [
    ['oxlint', 'no-debugger', 'error', 'src/a.ts', 2, 1],
    ['oxlint', 'no-eval', 'warning', 'src/a.ts', 3, 53],
    ['oxlint', 'no-unused-vars', 'warning', 'src/a.ts', 1, 7],
    ['oxlint', 'syntax-error', 'error', 'src/b.ts', 1, 9],
    ['oxlint', 'typescript/no-explicit-any', 'warning', 'src/a.ts', 3, 22],
  ]);
  assert.equal(findings.find((f) => f.rule === 'no-debugger')?.message, '`debugger` statement is not allowed');
  assert.ok(findings.every((f) => f.system === 'quality' && /^[0-9a-f]{16}$/.test(f.fingerprint)));
});

test('a finding keeps its fingerprint when its line moves, and a diagnostic on a file not asked for is dropped', () => {
  const moved = new Map(texts);
  moved.set('src/a.ts', `// a new first line\n${texts.get('src/a.ts')!}`);
  const shifted = report.replace('"line": 2,"column": 1', '"line": 3,"column": 1');
  const before = oxlintFindings(report, texts).find((f) => f.rule === 'no-debugger')!;
  const after = oxlintFindings(shifted, moved).find((f) => f.rule === 'no-debugger')!;
  assert.is(after.line, 3);
  assert.is(after.fingerprint, before.fingerprint);
  const onlyA = oxlintFindings(report, new Map([['src/a.ts', texts.get('src/a.ts')!]]));
  assert.ok(onlyA.every((f) => f.file === 'src/a.ts'));
  assert.is(onlyA.length, 4);
});

test('oxlint output that is not its JSON report is an error naming what it printed', () => {
  assert.throws(
    () => oxlintFindings('Failed to parse configuration file\n', texts),
    /oxlint printed no JSON report: Failed to parse configuration file/,
  );
  assert.equal(oxlintFindings('{"diagnostics": []}', texts), []);
});

test('rule names: core rules bare, plugin rules prefixed, a parse error is syntax-error', () => {
  assert.is(oxlintRule('eslint(no-debugger)'), 'no-debugger');
  assert.is(oxlintRule('typescript(no-explicit-any)'), 'typescript/no-explicit-any');
  assert.is(oxlintRule('jsx-a11y(alt-text)'), 'jsx-a11y/alt-text');
  assert.is(oxlintRule(undefined), 'syntax-error');
  assert.is(oxlintRule('odd'), 'odd');
});

test('oxlint arguments: JSON output, file names after `--` so none reads as a flag', () => {
  assert.equal(oxlintArgs(['src/a.ts', '-D.ts']), ['--format', 'json', '--', 'src/a.ts', '-D.ts']);
});

test('oxfmt error offsets become 1-based line and column', () => {
  assert.equal(positionOf('let x = ;', 8), { line: 1, column: 9 });
  assert.equal(positionOf('a\nbc\nlet x = ;', 13), { line: 3, column: 9 });
});

test('fixableRules: the rules whose fix `oxlint --fix` applies, named as br-guard names them; suggestions are not', () => {
  const listing = JSON.stringify([
    { scope: 'eslint', value: 'prefer-const', fix: 'conditional_fix' },
    { scope: 'eslint', value: 'no-debugger', fix: 'fixable_suggestion' },
    { scope: 'typescript', value: 'no-inferrable-types', fix: 'fixable_fix' },
    { scope: 'unicorn', value: 'prefer-includes', fix: 'fixable_dangerous_fix' },
    { scope: 'eslint', value: 'eqeqeq', fix: 'none' },
  ]);
  assert.equal([...fixableRules(listing)].sort(), ['prefer-const', 'typescript/no-inferrable-types']);
});

test("oxlint's rule list is listed once per version and kept in the cache dir; a damaged cache is listed again", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-guard-oxlint-rules-'));
  try {
    const runs = join(dir, 'runs');
    // A stand-in oxlint: prints a rule list and counts its runs.
    const fake = (name: string) => {
      const bin = join(dir, name);
      writeFileSync(
        bin,
        `require('fs').appendFileSync(${JSON.stringify(runs)}, 'x');\nprocess.stdout.write(JSON.stringify([{ scope: 'eslint', value: 'prefer-const', fix: 'fixable_fix' }]));\n`,
      );
      return { bin, version: '9.9.9' };
    };
    const cacheDir = join(dir, 'cache');
    assert.equal([...(await oxlintFixableRules(fake('a.cjs'), dir, cacheDir))], ['prefer-const']);
    assert.ok(existsSync(join(cacheDir, 'oxlint-rules-9.9.9.json')));
    // Another process (here: another binary path, so the in-process memo misses) reads the cache.
    assert.equal([...(await oxlintFixableRules(fake('b.cjs'), dir, cacheDir))], ['prefer-const']);
    assert.is(readFileSync(runs, 'utf8'), 'x');
    writeFileSync(join(cacheDir, 'oxlint-rules-9.9.9.json'), '[{"scope":');
    assert.equal([...(await oxlintFixableRules(fake('c.cjs'), dir, cacheDir))], ['prefer-const']);
    assert.is(readFileSync(runs, 'utf8'), 'xx');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a batched fixer gathers files that arrive a few milliseconds apart into one batch', async () => {
  const batches: string[][] = [];
  const fix = batchedFixer(async (files) => {
    batches.push([...files.keys()]);
    return new Map([...files].map(([path, text]) => [path, text.toUpperCase()]));
  });
  const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const results = await Promise.all([fix('a.ts', 'a'), later(1).then(() => fix('b.ts', 'b')), later(2).then(() => fix('c.ts', 'c'))]);
  assert.equal(results, ['A', 'B', 'C']);
  assert.equal(batches, [['a.ts', 'b.ts', 'c.ts']]);
  // One that comes long after is a batch of its own.
  assert.is(await later(60).then(() => fix('d.ts', 'd')), 'D');
  assert.is(batches.length, 2);
});

test.run();
