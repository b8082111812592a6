import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { applyStagedFixes } from '../../../src/quality/apply-staged-fixes.js';
import { createFixPipeline } from '../../../src/quality/fix-pipeline.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import { readSecretsBaseline } from '../../../src/quality/secrets/secrets-baseline.js';
import type { Checker, CheckContext } from '../../../src/quality/types.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';

const loaded = (): LoadedConfig => ({
  config: defaultConfig(),
  configFile: null,
  standards: defaultQualityStandards(),
  standardsFile: null,
});

test('syntax errors: Prettier and Black report them; complexity and security skip the file', async () => {
  const repo = createTempRepo({ files: { 'bad.ts': 'export const x = (;\n', 'bad.py': 'def (:\n' } });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'all' }, fix: false, only: ['prettier', 'complexity', 'security', 'black'] },
    );
    const rules = result.findings.map((f) => `${f.check}:${f.rule}:${f.file}`).sort();
    const expected = ['prettier:syntax-error:bad.ts'];
    if (result.checks.find((c) => c.name === 'black')?.status !== 'skipped') expected.unshift('black:syntax-error:bad.py');
    assert.equal(rules, expected);
    assert.is(result.findings.find((f) => f.check === 'prettier')?.line, 1);
  } finally {
    repo.cleanup();
  }
});

test('file length limits; coverage from Cobertura XML; tsc on staged content', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'tsconfig.json': JSON.stringify({ compilerOptions: { noEmit: true, types: [] }, include: ['*.ts'] }),
      'a.ts': 'export const a: number = 1;\n',
      'coverage.xml': '<?xml version="1.0" ?>\n<coverage version="7.4" line-rate="0.5" branch-rate="0">\n</coverage>\n',
    },
  });
  try {
    const config = loaded();
    config.standards.gates.maxFileLength = 2;
    repo.write({ 'long.ts': 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n' });
    const git = await Git.open(repo.root);
    const all = await runQualityCheck({ git, loaded: config }, { scope: { kind: 'all' }, fix: false, only: ['complexity', 'coverage'] });
    assert.equal(
      all.findings.map((f) => `${f.rule}:${f.file}`),
      ['coverage-below-minimum:coverage.xml', 'file-length:long.ts'],
    );
    assert.is(all.dimensions.tests?.score, 50);
    // The index holds a type error; the work tree does not.
    repo.write({ 'a.ts': 'export const a: number = "one";\n' });
    repo.git('add', 'a.ts');
    repo.write({ 'a.ts': 'export const a: number = 1;\n' });
    const staged = await runQualityCheck({ git, loaded: config }, { scope: { kind: 'staged' }, fix: false, only: ['tsc'] });
    assert.equal(
      staged.findings.map((f) => `${f.rule}:${f.file}:${f.line}`),
      ['TS2322:a.ts:1'],
    );
  } finally {
    repo.cleanup();
  }
});

test('a staged fix asks git which files are partially staged only for files whose work tree differs from the index', () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'a.ts': 'export const a = 1;\n', 'c.ts': 'export const c = 1;\n\nexport const d = 2;\n' },
  });
  try {
    repo.write({ 'a.ts': 'export const  a = {x:1}\n', 'c.ts': 'export const  c = {x:1}\n\nexport const d = 2;\n' });
    repo.git('add', 'a.ts', 'c.ts');
    // c.ts: an unstaged edit two lines below what the fix touches.
    repo.write({ 'c.ts': 'export const  c = {x:1}\n\nexport const d = 3;\n' });
    const run = runCli(['quality', 'check', '--staged', '--fix', '--only', 'prettier'], {
      cwd: repo.root,
      env: { BR_GUARD_WORKER: '0', BR_GUARD_DEBUG: 'git' },
    });
    assert.is(run.code, 0, run.stderr);
    const asked = run.stderr.split('\n').filter((line) => line.includes('"diff" "--name-only"'));
    assert.is(asked.length, 1, asked.join('\n'));
    assert.match(asked[0]!, /"c\.ts"/);
    assert.not.match(asked[0]!, /"a\.ts"/, 'a.ts in the work tree is its staged content: nothing to ask');
    assert.is(repo.git('show', ':a.ts'), 'export const a = { x: 1 };\n');
    assert.is(readFileSync(join(repo.root, 'a.ts'), 'utf8'), 'export const a = { x: 1 };\n');
    assert.is(repo.git('show', ':c.ts'), 'export const c = { x: 1 };\n\nexport const d = 2;\n');
    assert.is(
      readFileSync(join(repo.root, 'c.ts'), 'utf8'),
      'export const c = { x: 1 };\n\nexport const d = 3;\n',
      'the unstaged edit is kept, with the fix merged in',
    );
  } finally {
    repo.cleanup();
  }
});

test('applyStagedFixes: failures, missing work-tree files and symlinks', async () => {
  const repo = createTempRepo({ commit: true, files: { 'keep.txt': 'x\n' } });
  try {
    repo.write({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'gone.txt': 'g\n' });
    symlinkSync('a.txt', `${repo.root}/link.txt`);
    repo.git('add', '.');
    rmSync(`${repo.root}/gone.txt`);
    const git = await Git.open(repo.root);
    const results = await applyStagedFixes(git, ['a.txt', 'b.txt', 'gone.txt', 'link.txt', 'missing.txt'], async (path, text) => {
      if (path === 'b.txt') throw new Error('cannot parse\nmore');
      return text.toUpperCase();
    });
    assert.equal(results, [
      { path: 'b.txt', indexUpdated: false, worktree: 'unchanged', note: 'not fixed: cannot parse' },
      { path: 'a.txt', indexUpdated: true, worktree: 'fixed', note: null },
      { path: 'gone.txt', indexUpdated: true, worktree: 'left-alone', note: 'the file is missing from the work tree' },
    ]);
    assert.is(repo.git('show', ':gone.txt'), 'G\n');
    assert.is(readFileSync(`${repo.root}/a.txt`, 'utf8'), 'A\n');
    assert.is(repo.git('show', ':link.txt'), 'a.txt');
    // A partially staged file: the fix of the staged text is merged into the unstaged edit.
    repo.write({ 'c.txt': 'c\nx\ny\nz\n' });
    repo.git('add', 'c.txt');
    repo.write({ 'c.txt': 'c\nx\ny\nz\nUNSTAGED\n' });
    const partial = await applyStagedFixes(git, ['c.txt'], async (_path, text) => text.replace('c', 'C'));
    assert.equal(partial, [
      { path: 'c.txt', indexUpdated: true, worktree: 'fixed', note: 'partially staged: the fix was merged into the unstaged edits' },
    ]);
    assert.is(repo.git('show', ':c.txt'), 'C\nx\ny\nz\n');
    assert.is(readFileSync(`${repo.root}/c.txt`, 'utf8'), 'C\nx\ny\nz\nUNSTAGED\n');
    // A fix on the very lines of an unstaged edit: nothing is written, neither index nor work tree.
    repo.write({ 'd.txt': 'd\n', 'e.txt': 'e\n' });
    repo.git('add', 'd.txt', 'e.txt');
    repo.write({ 'd.txt': 'd edited\n' });
    const conflict = await applyStagedFixes(git, ['d.txt', 'e.txt'], async (_path, text) => text.toUpperCase());
    assert.equal(
      conflict.map((r) => [r.path, r.worktree, r.indexUpdated]),
      [['d.txt', 'conflict', false]],
    );
    assert.is(repo.git('show', ':d.txt'), 'd\n');
    assert.is(repo.git('show', ':e.txt'), 'e\n', 'the clean file is not fixed either');
    assert.is(readFileSync(`${repo.root}/d.txt`, 'utf8'), 'd edited\n');
    assert.is(readFileSync(`${repo.root}/e.txt`, 'utf8'), 'e\n');
  } finally {
    repo.cleanup();
  }
});

test('fix pipeline: a fixer that cannot load is left out; a fixer that throws leaves the file alone', async () => {
  const repo = createTempRepo({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
  try {
    const git = await Git.open(repo.root);
    const broken: Checker = {
      name: 'broken',
      dimension: 'format',
      appliesTo: () => true,
      run: async () => ({ findings: [] }),
      fixer: async () => {
        throw new Error('no tool');
      },
    };
    const upper: Checker = {
      name: 'upper',
      dimension: 'format',
      appliesTo: (path) => path.endsWith('.txt'),
      run: async () => ({ findings: [] }),
      fixer: async () => async (path, text) => {
        if (path === 'b.txt') throw new Error('syntax error');
        return text.toUpperCase();
      },
    };
    const base = {
      root: repo.root,
      loaded: loaded(),
      staged: false,
      cacheDir: `${repo.root}/.buildrunner/cache/quality`,
      tools: {},
      all: false,
    } as Omit<CheckContext, 'files'>;
    const pipeline = await createFixPipeline([broken, upper], base);
    assert.equal(pipeline.tools, ['upper']);
    const result = await runQualityCheck(
      { git, loaded: loaded(), checkers: [broken, upper] },
      { scope: { kind: 'files', files: ['a.txt', 'b.txt'] }, fix: true },
    );
    assert.equal(result.fixed, ['a.txt']);
    assert.equal(result.fixNotes, ['b.txt: not fixed (syntax error)']);
    assert.is(readFileSync(`${repo.root}/a.txt`, 'utf8'), 'A\n');
  } finally {
    repo.cleanup();
  }
});

test('an invalid secrets baseline is an input error naming the file', async () => {
  const repo = createTempRepo();
  try {
    mkdirSync(`${repo.root}/.buildrunner`);
    writeFileSync(`${repo.root}/.buildrunner/secrets-baseline.json`, '{"secrets": 3}');
    try {
      await readSecretsBaseline(repo.root);
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /invalid secrets baseline: no "secrets" array/);
    }
    writeFileSync(`${repo.root}/.buildrunner/secrets-baseline.json`, '{"version":1,"secrets":[{"fingerprint":"abc"}]}');
    assert.equal([...(await readSecretsBaseline(repo.root))], ['abc']);
  } finally {
    repo.cleanup();
  }
});

test.run();
