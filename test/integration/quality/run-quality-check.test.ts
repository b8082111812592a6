import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { StagedSnapshot } from '../../../src/adapters/staged-snapshot.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import type { Checker, QualityResult } from '../../../src/quality/types.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

function loaded(): LoadedConfig {
  return { config: defaultConfig(), configFile: null, standards: defaultQualityStandards(), standardsFile: null };
}

const byCheck = (result: QualityResult, check: string) => result.findings.filter((f) => f.check === check);
const statusOf = (result: QualityResult, check: string) => result.checks.find((c) => c.name === check)?.status;

const tsconfig = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, types: [] },
  include: ['src'],
});

test('all quality checkers are functional on a TypeScript project: real Prettier, ESLint, tsc (strict), security, complexity and secrets runs', async () => {
  const repo = createTempRepo({
    files: {
      'tsconfig.json': tsconfig,
      'src/ok.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
      'src/bad.ts': [
        'export function run(input) {',
        '  const unused = 1;',
        '  return eval(input)',
        '}',
        'export const token = "ghp_' + 'Zk3mP9qR2sT5vW8xY1bC4dF7gH0jL6nQ2rS4";',
        '',
      ].join('\n'),
    },
  });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'all' }, fix: false });
    assert.equal(
      result.checks.map((c) => c.name),
      ['complexity', 'coverage', 'eslint', 'prettier', 'secrets', 'security', 'tsc'],
    );
    assert.is(statusOf(result, 'coverage'), 'skipped');
    assert.match(result.checks.find((c) => c.name === 'coverage')?.reason ?? '', /no coverage report/);
    assert.ok(byCheck(result, 'prettier').some((f) => f.file === 'src/bad.ts' && f.rule === 'format' && f.fixable));
    assert.not.ok(byCheck(result, 'prettier').some((f) => f.file === 'src/ok.ts'));
    assert.ok(byCheck(result, 'eslint').some((f) => f.rule === '@typescript-eslint/no-unused-vars' && f.line === 2));
    const tsc = byCheck(result, 'tsc');
    assert.ok(
      tsc.some((f) => f.rule === 'TS7006' && f.file === 'src/bad.ts' && f.line === 1),
      'strict mode: implicit any',
    );
    assert.ok(byCheck(result, 'security').some((f) => f.rule === 'no-eval' && f.line === 3));
    const secret = byCheck(result, 'secrets')[0];
    assert.is(secret?.rule, 'github-token');
    assert.not.ok(JSON.stringify(result).includes('Zk3mP9qR2sT5vW8xY1bC4dF7gH0jL6nQ2rS4'), 'the secret never appears in full');
    assert.is(result.passed, false);
    assert.ok(result.findings.every((f) => f.new));
    assert.ok(result.dimensions.types && result.dimensions.types.score < 100);
    // Incremental: the build info lands under .buildrunner/cache/quality/.
    assert.ok(readFileSync(`${repo.root}/.buildrunner/cache/quality/tsc.tsbuildinfo`, 'utf8').length > 0);
    // Unchanged sources: the whole-program memo answers without building the program again.
    const again = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'all' }, fix: false, only: ['tsc'] });
    assert.equal(byCheck(again, 'tsc'), tsc);
    assert.ok(readFileSync(`${repo.root}/.buildrunner/cache/quality/results-tsc.json`, 'utf8').includes('TS7006'));
  } finally {
    repo.cleanup();
  }
});

test('--fix makes the fixers of the checks that have a file in scope only (a TypeScript commit loads no Python fixer)', async () => {
  const repo = createTempRepo({ commit: true, files: { 'src/a.ts': 'export const a = 1;\n' } });
  try {
    const made: string[] = [];
    const checker = (name: string, extension: string): Checker => ({
      name,
      dimension: 'format',
      formatter: true,
      appliesTo: (path) => path.endsWith(extension),
      fixer: async () => {
        made.push(name);
        return async (_path, text) => text.replace(/ {2,}/g, ' ');
      },
      run: async () => ({ findings: [] }),
    });
    repo.write({ 'src/a.ts': 'export const  a = 2;\n' });
    repo.git('add', '.');
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded(), checkers: [checker('ts-format', '.ts'), checker('py-format', '.py')] },
      { scope: { kind: 'staged' }, fix: true },
    );
    assert.equal(made, ['ts-format']);
    assert.equal(result.fixed, ['src/a.ts']);
    assert.is(repo.git('show', ':src/a.ts'), 'export const a = 2;\n');
  } finally {
    repo.cleanup();
  }
});

test('the project ESLint config is used when present; --only narrows the checks; unknown names are usage errors', async () => {
  const repo = createTempRepo({
    files: {
      'eslint.config.mjs': 'export default [{ files: ["**/*.js"], rules: { "no-var": "error" } }];\n',
      'a.js': 'var x = 1;\nexport { x };\n',
    },
  });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'files', files: ['a.js'] }, fix: false, only: ['eslint'] },
    );
    assert.equal(
      result.checks.map((c) => c.name),
      ['eslint'],
    );
    assert.equal(
      byCheck(result, 'eslint').map((f) => [f.rule, f.severity, f.fixable]),
      [['no-var', 'error', true]],
    );
    try {
      await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'all' }, fix: false, only: ['nope'] });
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /unknown check nope/);
    }
  } finally {
    repo.cleanup();
  }
});

test('the pre-commit run takes its checks from quality.preCommitChecks: tsc waits for pre-push and CI unless listed', async () => {
  const repo = createTempRepo({ files: { 'tsconfig.json': tsconfig, 'src/a.ts': 'export const a: number = "x";\n' } });
  try {
    const git = await Git.open(repo.root);
    const scope = { kind: 'files' as const, files: ['src/a.ts'] };
    const byDefault = await runQualityCheck({ git, loaded: loaded() }, { scope, fix: false, preCommit: true });
    assert.equal(byDefault.checks.map((c) => c.name).sort(), ['complexity', 'eslint', 'prettier', 'security']);
    const withTypes = loaded();
    withTypes.config.quality.preCommitChecks = ['tsc'];
    const typed = await runQualityCheck({ git, loaded: withTypes }, { scope, fix: false, preCommit: true });
    assert.equal(
      typed.checks.map((c) => c.name),
      ['tsc'],
    );
    assert.equal(
      byCheck(typed, 'tsc').map((f) => f.rule),
      ['TS2322'],
    );
    withTypes.config.quality.preCommitChecks = null;
    const every = await runQualityCheck({ git, loaded: withTypes }, { scope, fix: false, preCommit: true, only: ['secrets'] });
    assert.equal(
      every.checks.map((c) => c.name),
      ['secrets'],
      '--only wins',
    );
  } finally {
    repo.cleanup();
  }
});

test('staged scope reads the index and holds the line', async () => {
  const lines = Array.from({ length: 30 }, (_, i) => `export const v${i} = ${i};`);
  const repo = createTempRepo({ commit: true, files: { 'src/a.ts': `${lines.join('\n')}\nexport function old(x) { return eval(x); }\n` } });
  try {
    // Staged: a new eval on a new line; the work tree then adds a third one that is NOT staged.
    repo.write({ 'src/a.ts': `${lines.join('\n')}\nexport function old(x) { return eval(x); }\nexport const added = eval('1');\n` });
    repo.git('add', 'src/a.ts');
    repo.write({
      'src/a.ts': `${lines.join('\n')}\nexport function old(x) { return eval(x); }\nexport const added = eval('1');\nexport const unstaged = eval('2');\n`,
    });
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: false, only: ['security'] });
    const evals = byCheck(result, 'security').map((f) => [f.line, f.new]);
    assert.equal(
      evals,
      [
        [31, false],
        [32, true],
      ],
      'the unstaged line is not seen; the old one is not new',
    );
    assert.is(result.passed, false);
    const off = loaded();
    off.config.quality.holdTheLine = false;
    const all = await runQualityCheck({ git, loaded: off }, { scope: { kind: 'staged' }, fix: false, only: ['security'] });
    assert.ok(all.findings.every((f) => f.new));
    // --since HEAD judges the work tree: three evals, two of them new.
    const since = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'since', ref: 'HEAD' }, fix: false, only: ['security'] },
    );
    assert.equal(
      byCheck(since, 'security').map((f) => [f.line, f.new]),
      [
        [31, false],
        [32, true],
        [33, true],
      ],
    );
  } finally {
    repo.cleanup();
  }
});

test('auto-fix works for formatting issues with --staged on a partially staged file: the index gets the fixed staged version, the fix is merged into the unstaged edit', async () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'src/a.ts': 'export const a = 1;\n\n// one\n// two\n', 'src/b.ts': 'export const b = 1;\n' },
  });
  try {
    repo.write({ 'src/a.ts': 'export const a = {x:1,\n  y:2}\n\n// one\n// two\n' });
    repo.git('add', 'src/a.ts');
    repo.write({ 'src/a.ts': 'export const a = {x:1,\n  y:2}\n\n// one\n// two\nexport const unstaged = [1,2,\n3]\n' });
    // b.ts: work tree equals the index.
    repo.write({ 'src/b.ts': 'export   const b =    2\n' });
    repo.git('add', 'src/b.ts');
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: true, only: ['prettier', 'eslint'] });
    assert.equal(result.fixed.sort(), ['src/a.ts', 'src/b.ts']);
    assert.equal(result.fixConflicts, []);
    assert.is(repo.git('show', ':src/a.ts'), 'export const a = { x: 1, y: 2 };\n\n// one\n// two\n');
    // The unstaged lines are the user's as written: only the fix of the staged text is merged in.
    assert.is(
      readFileSync(`${repo.root}/src/a.ts`, 'utf8'),
      'export const a = { x: 1, y: 2 };\n\n// one\n// two\nexport const unstaged = [1,2,\n3]\n',
    );
    assert.is(repo.git('show', ':src/b.ts'), 'export const b = 2;\n');
    assert.is(readFileSync(`${repo.root}/src/b.ts`, 'utf8'), 'export const b = 2;\n');
    assert.ok(result.fixNotes.some((note) => note === 'src/a.ts: partially staged: the fix was merged into the unstaged edits'));
    assert.is(statusOf(result, 'prettier'), 'passed', 're-checked after fixing');
    assert.match(repo.git('diff', '--stat'), /src\/a\.ts/, 'the unstaged edit is still unstaged');
  } finally {
    repo.cleanup();
  }
});

test('--staged --fix: an unstaged edit that does not parse still gets the fix; one on the fixed lines stops every write', async () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'a.ts': 'export const a = 1;\n// one\n// two\n', 'b.ts': 'export const b = 1;\n' },
  });
  try {
    repo.write({ 'a.ts': 'export const a =   2\n// one\n// two\n' });
    repo.git('add', 'a.ts');
    repo.write({ 'a.ts': 'export const a =   2\n// one\n// two\nexport const broken = (\n' });
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: true, only: ['prettier'] });
    assert.is(repo.git('show', ':a.ts'), 'export const a = 2;\n// one\n// two\n');
    assert.is(readFileSync(`${repo.root}/a.ts`, 'utf8'), 'export const a = 2;\n// one\n// two\nexport const broken = (\n');
    assert.equal(result.fixed, ['a.ts']);

    // The unstaged edit sits on the very line the fix changes: a conflict, and nothing is written.
    repo.write({ 'b.ts': 'export const b =   3\n' });
    repo.git('add', 'b.ts');
    repo.write({ 'b.ts': 'export const b =   4\n' });
    repo.write({ 'c.ts': 'export   const c = 1\n' });
    repo.git('add', 'c.ts');
    const index = repo.git('ls-files', '-s');
    const conflict = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: true, only: ['prettier'] });
    assert.equal(conflict.fixConflicts, ['b.ts']);
    assert.equal(conflict.fixed, []);
    assert.is(repo.git('ls-files', '-s'), index, 'the index is untouched, c.ts included');
    assert.is(readFileSync(`${repo.root}/b.ts`, 'utf8'), 'export const b =   4\n');
    assert.is(readFileSync(`${repo.root}/c.ts`, 'utf8'), 'export   const c = 1\n');
    assert.ok(conflict.fixNotes.some((note) => /^b\.ts: not fixed: the fix and the unstaged edits touch the same lines/.test(note)));
    assert.ok(
      conflict.findings.some((f) => f.check === 'prettier' && f.file === 'b.ts'),
      'the staged content is judged as it is',
    );
  } finally {
    repo.cleanup();
  }
});

test('--fix on work-tree files keeps the file mode', async () => {
  const repo = createTempRepo({ files: { 'run.js': 'console.log( 1 )\n' } });
  try {
    repo.git('update-index', '--add', '--chmod=+x', 'run.js');
    const { chmodSync, statSync } = await import('node:fs');
    chmodSync(`${repo.root}/run.js`, 0o755);
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'files', files: ['run.js'] }, fix: true, only: ['prettier'] },
    );
    assert.equal(result.fixed, ['run.js']);
    assert.is(readFileSync(`${repo.root}/run.js`, 'utf8'), 'console.log(1);\n');
    assert.is(statSync(`${repo.root}/run.js`).mode & 0o777, 0o755);
  } finally {
    repo.cleanup();
  }
});

test('exclude and exemptions by glob, overrides of gates', async () => {
  const body = Array.from({ length: 8 }, (_, i) => `  if (a === ${i}) return ${i};`).join('\n');
  const repo = createTempRepo({
    files: {
      'src/a.ts': `export function f(a: number, b: number, c: number, d: number, e: number, g: number) {\n${body}\n  return b + c + d + e + g;\n}\n`,
      'legacy/b.ts': `export function f(a: number, b: number, c: number, d: number, e: number, g: number) {\n  return a + b + c + d + e + g;\n}\n`,
      'vendor/c.ts': 'export const x = eval("1");\n',
    },
  });
  try {
    const config = loaded();
    config.standards.exclude = ['vendor/**'];
    config.standards.exemptions = [{ files: ['legacy/**'], checks: ['complexity'] }];
    config.standards.overrides = [{ files: ['src/**'], gates: { maxCyclomaticComplexity: 5 } }];
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: config }, { scope: { kind: 'all' }, fix: false, only: ['complexity', 'security'] });
    assert.equal(
      result.findings.map((f) => `${f.file}:${f.rule}`),
      ['src/a.ts:cyclomatic-complexity', 'src/a.ts:parameter-count'],
    );
    assert.match(result.findings[0]?.message ?? '', /function f: cyclomatic complexity 9 exceeds 5/);
  } finally {
    repo.cleanup();
  }
});

test('runs given one staged snapshot judge the index as it was taken; a new snapshot sees what was staged since', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.ts': 'export const a = 1;\n' } });
  try {
    repo.write({ 'a.ts': 'export const a = 2;\n' });
    repo.git('add', 'a.ts');
    const git = await Git.open(repo.root);
    const snapshot = await StagedSnapshot.take(git);
    const scope = { kind: 'staged', snapshot } as const;
    const first = await runQualityCheck({ git, loaded: loaded() }, { scope, fix: false, only: ['secrets'] });
    assert.is(first.filesChecked, 1);
    // Staged after the snapshot: runs sharing it (a hook's stages) still judge the same index.
    repo.write({ 'b.ts': 'export const b = 1;\n' });
    repo.git('add', 'b.ts');
    const shared = await runQualityCheck({ git, loaded: loaded() }, { scope, fix: false, only: ['secrets'] });
    assert.is(shared.filesChecked, 1);
    const fresh = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: false, only: ['secrets'] });
    assert.is(fresh.filesChecked, 2);
  } finally {
    repo.cleanup();
  }
});

test.run();
