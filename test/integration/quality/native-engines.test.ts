import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadOxfmt, loadOxlint } from '../../../src/quality/checkers/native-tools.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const native = { 'package.json': '{ "name": "demo", "type": "module" }\n', '.br-guardrc.yaml': 'quality:\n  engines: native\n' };
const only = ['--only', 'eslint,prettier'];

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
}

/** The native binaries may not load on every platform: such a test says so and passes as skipped. */
async function skipWithoutNative(name: string): Promise<boolean> {
  try {
    await Promise.all([loadOxlint(process.cwd()), loadOxfmt(process.cwd())]);
    return false;
  } catch (error) {
    process.stderr.write(`  skipped "${name}": ${(error as Error).message}\n`);
    return true;
  }
}

test('native: oxlint and oxfmt judge the staged content, not a different unstaged edit; the shadow copy is removed', async () => {
  if (await skipWithoutNative('native staged check')) return;
  const repo = createTempRepo({ commit: true, files: native });
  try {
    repo.write({ 'src/a.ts': 'export const a = {b:1}\ndebugger;\n', 'src/b.ts': 'export const b = 1;\n' });
    repo.git('add', '.');
    // The work tree now differs: a clean a.ts, a b.ts with a problem. Neither may be judged.
    repo.write({ 'src/a.ts': 'export const a = { b: 1 };\n', 'src/b.ts': 'debugger;\nexport const b = {c:2}\n' });
    const result = runCli(['quality', 'check', '--staged', '--json', ...only], { cwd: repo.root });
    const json = result.json();
    const checks = json.checks.map((c: Check) => [c.name, c.engine, c.status]);
    assert.equal(checks, [
      ['oxfmt', 'oxfmt', 'failed'],
      ['oxlint', 'oxlint', 'failed'],
    ]);
    const found = json.findings.map((f: Found) => [f.check, f.rule, f.file, f.line]);
    assert.equal(found, [
      ['oxfmt', 'format', 'src/a.ts', 1],
      ['oxlint', 'no-debugger', 'src/a.ts', 2],
    ]);
    const temp = join(repo.root, '.git', 'br-guard', 'tmp');
    assert.equal(
      readdirSync(temp).filter((name) => name.startsWith('shadow.')),
      [],
    );
  } finally {
    repo.cleanup();
  }
});

test("native: oxlint reads the project's lint config as staged, not the work tree's", async () => {
  if (await skipWithoutNative('native lint config')) return;
  const repo = createTempRepo({ commit: true, files: native });
  try {
    repo.write({
      '.oxlintrc.json': '{ "rules": { "no-debugger": "error", "no-eval": "error" } }\n',
      'src/a.ts': 'debugger;\neval("1");\n',
    });
    repo.git('add', '.');
    repo.write({ '.oxlintrc.json': '{ "rules": { "no-debugger": "off", "no-eval": "off" } }\n' });
    const json = runCli(['quality', 'check', '--staged', '--json', '--only', 'eslint'], { cwd: repo.root }).json();
    assert.equal(
      json.findings.map((f: Found) => [f.rule, f.severity, f.line]),
      [
        ['no-debugger', 'error', 1],
        ['no-eval', 'error', 2],
      ],
    );
    assert.is(json.passed, false);
    // Staging the config that turns them off changes the verdict: the result cache is keyed by the staged config.
    repo.git('add', '.oxlintrc.json');
    const again = runCli(['quality', 'check', '--staged', '--json', '--only', 'eslint'], { cwd: repo.root }).json();
    assert.equal(again.findings, []);
    assert.is(again.passed, true);
  } finally {
    repo.cleanup();
  }
});

test("native --fix: oxfmt's text is staged and written to a clean work tree; the re-check passes", async () => {
  if (await skipWithoutNative('native --fix')) return;
  const repo = createTempRepo({ commit: true, files: native });
  try {
    repo.write({ 'src/c.ts': 'export const c = {b:1}\n' });
    repo.git('add', '.');
    const result = runCli(['quality', 'check', '--staged', '--fix', '--json', ...only], { cwd: repo.root });
    const json = result.json();
    assert.is(result.code, 0, result.stderr);
    assert.equal(json.fixed, ['src/c.ts']);
    assert.is(repo.git('show', ':src/c.ts'), 'export const c = { b: 1 };\n');
    assert.is(readFileSync(join(repo.root, 'src/c.ts'), 'utf8'), 'export const c = { b: 1 };\n');
    assert.equal(
      json.checks.map((c: Check) => [c.name, c.status]),
      [
        ['oxfmt', 'passed'],
        ['oxlint', 'passed'],
      ],
    );
  } finally {
    repo.cleanup();
  }
});

test('native --fix: when oxlint --fix changes nothing its report is the verdict (one oxlint run), the same as a fresh check', async () => {
  if (await skipWithoutNative('native --fix verdict')) return;
  const repo = createTempRepo({ commit: true, files: native });
  try {
    // Formatted, with a finding oxlint does not fix (no-debugger) and one it would not either (unused).
    repo.write({ 'src/d.ts': 'const unused = 1;\ndebugger;\nexport const d = {b:1};\n' });
    repo.git('add', '.');
    // The pre-commit's order: the formatter first, then the linter's fixes.
    const fixed = runCli(['quality', 'check', '--staged', '--fix', '--json', ...only], {
      cwd: repo.root,
      env: { BR_GUARD_DEBUG: 'process' },
    });
    // Lint runs (the rule list, listed once per oxlint version, is not one).
    const oxlintRuns = fixed.stderr.split('\n').filter((line) => /^br-guard: ran \S+ \S*oxlint\b.* "--" /.test(line));
    assert.is(oxlintRuns.length, 1, oxlintRuns.join('\n') || fixed.stderr);
    assert.match(oxlintRuns[0]!, /"--fix"/);
    // Judged again from scratch: no cached result answers it.
    rmSync(join(repo.root, '.buildrunner', 'cache'), { recursive: true, force: true });
    const fresh = runCli(['quality', 'check', '--staged', '--json', ...only], { cwd: repo.root });
    const rules = (result: typeof fixed) =>
      (result.json().findings as Found[])
        .filter((f) => f.check === 'oxlint')
        .map((f) => `${f.file}:${f.line} ${f.rule} ${f.severity}`)
        .sort();
    assert.equal(rules(fixed), rules(fresh));
    assert.ok(
      rules(fresh).some((line) => line.includes('no-debugger')),
      rules(fresh).join('\n'),
    );
  } finally {
    repo.cleanup();
  }
});

test('native: oxfmt takes its options from the staged .oxfmtrc.json, and the cache follows it', async () => {
  if (await skipWithoutNative('oxfmt options')) return;
  const repo = createTempRepo({ commit: true, files: native });
  try {
    repo.write({ '.oxfmtrc.json': '{ "semi": false }\n', 'src/a.ts': 'export const a = 1\n' });
    repo.git('add', '.');
    repo.write({ '.oxfmtrc.json': '{ "semi": true }\n' });
    const check = () => runCli(['quality', 'check', '--staged', '--json', '--only', 'prettier'], { cwd: repo.root }).json();
    assert.equal(check().findings, []);
    repo.git('add', '.oxfmtrc.json');
    assert.equal(
      check().findings.map((f: Found) => [f.check, f.rule, f.line]),
      [['oxfmt', 'format', 1]],
    );
    repo.git('add', '-A');
    repo.write({ '.oxfmtrc.json': '{ "semi": ' });
    repo.git('add', '.oxfmtrc.json');
    const bad = runCli(['quality', 'check', '--staged', '--only', 'prettier'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.is(bad.stderr.trim(), 'br-guard: .oxfmtrc.json: not a JSON object (in the index (stage it))');
  } finally {
    repo.cleanup();
  }
});

test('native, but the binaries cannot load: ESLint and Prettier run and the reason says why', () => {
  const repo = createTempRepo({ commit: true, files: native });
  try {
    repo.write({ 'src/a.ts': 'export const a = {b:1}\n' });
    repo.git('add', '.');
    // napi-rs loads exactly this path when it is set: a path that does not exist is a binary that cannot load.
    const env = { NAPI_RS_NATIVE_LIBRARY_PATH: join(repo.root, 'missing.node') };
    const json = runCli(['quality', 'check', '--staged', '--json', ...only], { cwd: repo.root, env }).json();
    const checks: Check[] = json.checks;
    assert.equal(
      checks.map((c) => [c.name, c.engine]),
      [
        ['eslint', 'eslint'],
        ['prettier', 'prettier'],
      ],
    );
    assert.match(checks[0]!.reason ?? '', /^quality\.engines is native, but oxlint cannot load \(.+\): eslint ran instead$/);
    assert.match(checks[1]!.reason ?? '', /^quality\.engines is native, but oxfmt cannot load \(.+\): prettier ran instead$/);
    assert.equal(
      json.findings.map((f: Found) => [f.check, f.rule]),
      [['prettier', 'format']],
    );
  } finally {
    repo.cleanup();
  }
});

test('native: a project that configures ESLint and Prettier keeps them', async () => {
  if (await skipWithoutNative('own config kept')) return;
  const repo = createTempRepo({
    commit: true,
    files: {
      ...native,
      'eslint.config.mjs': 'export default [{ rules: { "no-debugger": "error" } }];\n',
      '.prettierrc': '{ "semi": false }\n',
    },
  });
  try {
    repo.write({ 'src/a.js': 'debugger;\n' });
    repo.git('add', '.');
    const json = runCli(['quality', 'check', '--staged', '--json', ...only], { cwd: repo.root }).json();
    const checks: Check[] = json.checks;
    assert.equal(
      checks.map((c) => [c.name, c.reason]),
      [
        ['eslint', 'the project configures eslint (eslint.config.mjs), so eslint runs, not oxlint'],
        ['prettier', 'the project configures prettier (.prettierrc), so prettier runs, not oxfmt'],
      ],
    );
    // Prettier with the project's `semi: false`; ESLint with the project's rule.
    assert.equal(
      json.findings.map((f: Found) => [f.check, f.rule, f.severity]),
      [
        ['eslint', 'no-debugger', 'error'],
        ['prettier', 'format', 'warning'],
      ],
    );
  } finally {
    repo.cleanup();
  }
});

test('quality.engines: a bad value is exit 2 naming the file and line; --only oxlint is a known check', () => {
  const repo = createTempRepo({ commit: true, files: { '.br-guardrc.yaml': 'quality:\n  holdTheLine: true\n  engines: fast\n' } });
  try {
    const bad = runCli(['quality', 'check', '--staged'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.is(bad.stderr.trim(), 'br-guard: .br-guardrc.yaml:3: quality.engines: expected one of default, native, got "fast"');
    repo.commit('fixed', { '.br-guardrc.yaml': 'quality:\n  engines: default\n' });
    const unknown = runCli(['quality', 'check', '--staged', '--only', 'oxlint,biome'], { cwd: repo.root });
    assert.is(unknown.code, 2);
    assert.match(unknown.stderr, /unknown check biome \(known: .*oxlint, oxfmt, biome-lint, biome-format\)/);
  } finally {
    repo.cleanup();
  }
});

test('init --engines native writes a config that resolves to quality.engines native; a bad value is exit 2', () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "demo" }\n' } });
  try {
    const init = runCli(['init', '--engines', 'native'], { cwd: repo.root });
    assert.is(init.code, 0, init.stderr);
    assert.match(readFileSync(join(repo.root, '.br-guardrc.yaml'), 'utf8'), /^quality:\n {2}engines: native/m);
    assert.is(runCli(['config', '--json'], { cwd: repo.root }).json().config.quality.engines, 'native');
    const bad = runCli(['init', '--engines', 'fast'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.is(bad.stderr.trim(), 'br-guard: --engines: expected default or native, got "fast"');
  } finally {
    repo.cleanup();
  }
});

test.run();
