import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadOxfmt, loadOxlint } from '../../../src/quality/checkers/native-tools.js';
import { linkPackages } from '../../helpers/link-package.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const base = { 'package.json': '{ "name": "demo", "type": "module" }\n', '.gitignore': 'node_modules\n' };
const lintFormat = ['--only', 'eslint,prettier'];

interface Check {
  name: string;
  engine: string;
  status: string;
  reason: string | null;
}
interface Found {
  check: string;
  rule: string;
  file: string;
  line: number;
  severity: string;
  fixable: boolean;
}

async function skipWithoutNative(name: string): Promise<boolean> {
  try {
    await Promise.all([loadOxlint(process.cwd()), loadOxfmt(process.cwd())]);
    return false;
  } catch (error) {
    process.stderr.write(`  skipped "${name}": ${(error as Error).message}\n`);
    return true;
  }
}

test('a project with .oxlintrc.json and an ESLint config gets both linters under quality.engines default; each is named', async () => {
  if (await skipWithoutNative('oxlint beside eslint')) return;
  const repo = createTempRepo({
    commit: true,
    files: {
      ...base,
      'eslint.config.js': 'export default [{ rules: { "no-eval": "error" } }];\n',
      '.oxlintrc.json': '{ "rules": { "no-debugger": "error", "no-eval": "off" } }\n',
    },
  });
  try {
    repo.write({ 'src/a.js': 'debugger;\neval("1");\n' });
    repo.git('add', 'src/a.js');
    const json = runCli(['quality', 'check', '--staged', '--json', ...lintFormat], { cwd: repo.root }).json();
    assert.equal(
      json.checks.map((c: Check) => [c.name, c.engine, c.status, c.reason]),
      [
        ['eslint', 'eslint', 'failed', 'the project configures eslint (eslint.config.js)'],
        ['oxlint', 'oxlint', 'failed', 'the project configures oxlint (.oxlintrc.json)'],
        ['prettier', 'prettier', 'passed', null],
      ],
    );
    assert.equal(
      json.findings.map((f: Found) => [f.check, f.rule, f.line]),
      [
        ['oxlint', 'no-debugger', 1],
        ['eslint', 'no-eval', 2],
      ],
    );
  } finally {
    repo.cleanup();
  }
});

test('.oxfmtrc.json makes oxfmt the formatter whatever quality.engines says; Prettier config wins over it', async () => {
  if (await skipWithoutNative('oxfmt by config')) return;
  const repo = createTempRepo({ commit: true, files: { ...base, '.oxfmtrc.json': '{ "semi": false }\n' } });
  try {
    repo.write({ 'src/a.ts': 'export const a = 1\n' });
    repo.git('add', 'src/a.ts');
    const json = runCli(['quality', 'check', '--staged', '--json', '--only', 'prettier'], { cwd: repo.root }).json();
    assert.equal(
      json.checks.map((c: Check) => [c.name, c.engine, c.status, c.reason]),
      [['oxfmt', 'oxfmt', 'passed', 'the project configures oxfmt (.oxfmtrc.json)']],
    );
    repo.write({ '.prettierrc.json': '{ "semi": true }\n' });
    repo.git('add', '.prettierrc.json');
    const again = runCli(['quality', 'check', '--staged', '--json', '--only', 'prettier'], { cwd: repo.root }).json();
    assert.equal(
      again.checks.map((c: Check) => [c.name, c.status, c.reason]),
      [
        [
          'prettier',
          'failed',
          'the project configures prettier (.prettierrc.json); it formats, not oxfmt (.oxfmtrc.json): one formatter judges',
        ],
      ],
    );
  } finally {
    repo.cleanup();
  }
});

test("biome.json: the project's Biome lints and formats the staged content (not the work tree); rules named as Biome names them", () => {
  const repo = createTempRepo({ commit: true, files: { ...base, 'biome.json': '{ "formatter": { "indentStyle": "space" } }\n' } });
  try {
    linkPackages(repo.root, ['@biomejs']);
    repo.write({ 'src/a.ts': 'let x = 1;\ndebugger;\nexport const a = {b:x}\n', 'src/b.ts': 'export const b = 1;\n' });
    repo.git('add', 'src');
    // The work tree differs: a clean a.ts, a b.ts with a problem. Neither may be judged.
    repo.write({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'debugger;\nexport const b = {c:2}\n' });
    const json = runCli(['quality', 'check', '--staged', '--json', ...lintFormat], { cwd: repo.root }).json();
    assert.equal(
      json.checks.map((c: Check) => [c.name, c.engine, c.status, c.reason]),
      [
        ['biome-format', 'biome', 'failed', 'the project configures biome (biome.json)'],
        ['biome-lint', 'biome', 'failed', 'the project configures biome (biome.json)'],
      ],
    );
    assert.equal(
      json.findings.map((f: Found) => [f.check, f.rule, f.file, f.line, f.severity, f.fixable]),
      [
        ['biome-lint', 'lint/style/useConst', 'src/a.ts', 1, 'warning', true],
        ['biome-lint', 'lint/suspicious/noDebugger', 'src/a.ts', 2, 'error', false],
        ['biome-format', 'format', 'src/a.ts', 3, 'warning', true],
      ],
    );
    assert.equal(
      readdirSync(join(repo.root, '.git', 'br-guard', 'tmp')).filter((name) => name.startsWith('shadow.')),
      [],
    );
  } finally {
    repo.cleanup();
  }
});

test("biome --fix: Biome's formatting is staged and written to a clean work tree; the re-check passes the format", () => {
  const repo = createTempRepo({ commit: true, files: { ...base, 'biome.json': '{}\n' } });
  try {
    linkPackages(repo.root, ['@biomejs']);
    repo.write({ 'src/c.ts': 'export const c = {b:1}\n' });
    repo.git('add', 'src/c.ts');
    const result = runCli(['quality', 'check', '--staged', '--fix', '--json', '--only', 'prettier'], { cwd: repo.root });
    const json = result.json();
    assert.is(result.code, 0, result.stderr);
    assert.equal(json.fixed, ['src/c.ts']);
    assert.is(repo.git('show', ':src/c.ts'), 'export const c = { b: 1 };\n');
    assert.is(readFileSync(join(repo.root, 'src/c.ts'), 'utf8'), 'export const c = { b: 1 };\n');
    assert.equal(
      json.checks.map((c: Check) => [c.name, c.status]),
      [['biome-format', 'passed']],
    );
  } finally {
    repo.cleanup();
  }
});

test('a configured tool that is not installed is skipped with its install hint, never a crash', () => {
  const repo = createTempRepo({ commit: true, files: { ...base, 'biome.json': '{}\n' } });
  try {
    repo.write({ 'src/a.ts': 'debugger;\n' });
    repo.git('add', 'src/a.ts');
    const result = runCli(['quality', 'check', '--staged', '--json', ...lintFormat], { cwd: repo.root });
    assert.is(result.code, 0, result.stderr);
    const hint = 'biome is not installed, but the project configures it (biome.json): npm install --save-dev @biomejs/biome';
    assert.equal(
      result.json().checks.map((c: Check) => [c.name, c.engine, c.status, c.reason]),
      [
        ['biome-format', 'biome', 'skipped', hint],
        ['biome-lint', 'biome', 'skipped', hint],
      ],
    );
  } finally {
    repo.cleanup();
  }
});

test('oxlint --fix: fixable findings are marked; --fix runs oxlint --fix on a shadow copy of the staged text and stages the result', async () => {
  if (await skipWithoutNative('oxlint --fix')) return;
  const repo = createTempRepo({
    commit: true,
    files: { ...base, '.oxlintrc.json': '{ "rules": { "no-debugger": "error", "prefer-const": "error" } }\n' },
  });
  try {
    repo.write({ 'src/a.js': 'debugger;\nlet x = 1;\nexport { x };\n' });
    repo.git('add', 'src/a.js');
    // An unstaged edit elsewhere in the file survives the fix (three-way merge).
    repo.write({ 'src/a.js': 'debugger;\nlet x = 1;\nexport { x };\n// note\n' });
    const before = runCli(['quality', 'check', '--staged', '--json', '--only', 'eslint'], { cwd: repo.root }).json();
    assert.equal(
      before.findings.map((f: Found) => [f.rule, f.fixable]),
      [
        ['no-debugger', false],
        ['prefer-const', true],
      ],
    );
    const fixed = runCli(['quality', 'check', '--staged', '--fix', '--json', '--only', 'eslint'], { cwd: repo.root }).json();
    assert.equal(fixed.fixed, ['src/a.js']);
    assert.is(repo.git('show', ':src/a.js'), 'debugger;\nconst x = 1;\nexport { x };\n');
    assert.is(readFileSync(join(repo.root, 'src/a.js'), 'utf8'), 'debugger;\nconst x = 1;\nexport { x };\n// note\n');
    assert.equal(
      fixed.findings.map((f: Found) => f.rule),
      ['no-debugger'],
    );
    assert.equal(
      readdirSync(join(repo.root, '.git', 'br-guard', 'tmp')).filter((name) => name.startsWith('shadow.')),
      [],
    );
  } finally {
    repo.cleanup();
  }
});

test.run();
