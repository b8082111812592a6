import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import type { QualityResult, QualityScope } from '../../../src/quality/types.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';

// ESLint and Prettier read their configs from disk; a staged or committed check must judge with
// the config as staged or committed (docs/quality.md, "Which config judges staged content").
const loaded = () => ({ config: defaultConfig(), configFile: null, standards: defaultQualityStandards(), standardsFile: null });
const brGuardModules = fileURLToPath(new URL('../../../../node_modules', import.meta.url));

const SINGLE = '{ "singleQuote": true }\n';
const DOUBLE = '{ "singleQuote": false }\n';
const NO_VAR = 'export default [{ files: ["**/*.js"], rules: { "no-var": "error" } }];\n';
const NO_RULES = 'export default [{ files: ["**/*.js"], rules: {} }];\n';

async function check(repo: TempRepo, only: string[], scope: QualityScope = { kind: 'staged' }, fix = false): Promise<QualityResult> {
  return runQualityCheck({ git: await Git.open(repo.root), loaded: loaded() }, { scope, fix, only });
}
const rules = (result: QualityResult) => result.findings.map((f) => `${f.file}:${f.check}/${f.rule}`);
const reason = (result: QualityResult, name: string) => result.checks.find((c) => c.name === name)?.reason ?? null;
const shadows = (repo: TempRepo) => {
  const dir = join(repo.root, '.git', 'br-guard', 'config-shadow');
  return existsSync(dir) ? readdirSync(dir) : [];
};

test('Prettier: a .prettierrc changed but not staged does not judge the staged file, in both directions', async () => {
  const repo = createTempRepo({ files: { '.prettierrc': SINGLE, 'a.ts': "export const a = 'x';\n" } });
  try {
    repo.commit('base');
    // The work tree asks for double quotes; the index still holds single quotes.
    repo.write({ '.prettierrc': DOUBLE, 'a.ts': "export const a = 'y';\n" });
    repo.git('add', 'a.ts');
    const formattedAsStaged = await check(repo, ['prettier']);
    assert.equal(rules(formattedAsStaged), []);
    assert.match(reason(formattedAsStaged, 'prettier') ?? '', /Prettier config: \.prettierrc as in the index judged, not the work tree's/);
    // Formatted as the work tree's config wants only: not formatted as staged.
    repo.write({ 'a.ts': 'export const a = "y";\n' });
    repo.git('add', 'a.ts');
    assert.equal(rules(await check(repo, ['prettier'])), ['a.ts:prettier/format']);
    // The work tree alone (a files scope) still reads the work tree's config.
    assert.equal(rules(await check(repo, ['prettier'], { kind: 'files', files: ['a.ts'] })), []);
    // Staged, the new config judges: the cached verdict of the old one is not reused.
    repo.git('add', '.prettierrc');
    const restaged = await check(repo, ['prettier']);
    assert.equal(rules(restaged), []);
    assert.is(reason(restaged, 'prettier'), null, 'same as the work tree: the usual path, nothing to say');
    assert.equal(shadows(repo), [], 'the shadow is removed after the run');
  } finally {
    repo.cleanup();
  }
});

test('Prettier: .prettierignore and .editorconfig as staged; a config deleted but not staged still judges', async () => {
  const repo = createTempRepo({
    files: { '.editorconfig': 'root = true\n[*]\nindent_style = tab\n', '.prettierignore': 'gen/\n', 'gen/b.ts': 'export const  b=1\n' },
  });
  try {
    repo.commit('base');
    // Unstaged: the work tree would ignore nothing and indent with spaces.
    repo.write({ '.editorconfig': 'root = true\n[*]\nindent_style = space\nindent_size = 2\n', '.prettierignore': '\n' });
    repo.write({ 'a.ts': 'export function f() {\n\treturn 1;\n}\n', 'gen/b.ts': 'export const  b=2\n' });
    repo.git('add', 'a.ts', 'gen/b.ts');
    const result = await check(repo, ['prettier']);
    assert.equal(rules(result), [], 'tabs as the staged .editorconfig says; gen/ ignored as staged');
    assert.match(reason(result, 'prettier') ?? '', /\.editorconfig, \.prettierignore as in the index/);
    // A staged .prettierrc removed from the work tree only still decides.
    repo.commit('more', { '.prettierrc': SINGLE, 'c.ts': "export const c = 'c';\n" });
    rmSync(join(repo.root, '.prettierrc'));
    repo.write({ 'c.ts': "export const c = 'd';\n" });
    repo.git('add', 'c.ts');
    assert.equal(rules(await check(repo, ['prettier'])), []);
  } finally {
    repo.cleanup();
  }
});

test('ESLint: a rule turned on only in the work tree does not flag the staged file; staged, it does', async () => {
  const repo = createTempRepo({ files: { 'eslint.config.mjs': NO_RULES, 'a.js': 'var x = 1;\nexport { x };\n' } });
  try {
    repo.commit('base');
    repo.write({ 'eslint.config.mjs': NO_VAR, 'a.js': 'var x = 2;\nexport { x };\n' });
    repo.git('add', 'a.js');
    const unstaged = await check(repo, ['eslint']);
    assert.equal(rules(unstaged), []);
    assert.match(reason(unstaged, 'eslint') ?? '', /ESLint config: eslint\.config\.mjs as in the index judged/);
    repo.git('add', 'eslint.config.mjs');
    const staged = await check(repo, ['eslint']);
    assert.equal(rules(staged), ['a.js:eslint/no-var']);
    assert.is(reason(staged, 'eslint'), null);
    // Turned off again in the work tree only: the staged rule still flags (the cache says so too).
    repo.write({ 'eslint.config.mjs': NO_RULES });
    for (let run = 0; run < 2; run++) {
      const again = await check(repo, ['eslint']);
      assert.equal(rules(again), ['a.js:eslint/no-var']);
      assert.match(reason(again, 'eslint') ?? '', /as in the index judged/, 'said on a cache hit too');
    }
    assert.equal(shadows(repo), []);
  } finally {
    repo.cleanup();
  }
});

test("ESLint: a config only in the work tree (not tracked) does not judge: br-guard's config does, and says so", async () => {
  const repo = createTempRepo({ files: { 'a.js': 'var x = 1;\nexport { x };\n' } });
  try {
    repo.commit('base');
    repo.write({ 'eslint.config.mjs': NO_VAR, 'a.js': 'var x = 2;\nexport { x };\n' });
    repo.git('add', 'a.js');
    const result = await check(repo, ['eslint']);
    assert.equal(rules(result), []);
    assert.match(
      reason(result, 'eslint') ?? '',
      /^no ESLint config in the index \(eslint\.config\.mjs only in the work tree\): br-guard's config judged$/,
    );
    assert.equal(rules(await check(repo, ['eslint'], { kind: 'files', files: ['a.js'] })), ['a.js:eslint/no-var']);
  } finally {
    repo.cleanup();
  }
});

test('ESLint: a staged config importing a tracked file and a package resolves them from the shadow', async () => {
  const repo = createTempRepo({
    files: {
      'eslint.config.mjs': 'import rules from "./lint/rules.mjs";\nexport default [{ files: ["**/*.js"], rules }];\n',
      'lint/rules.mjs': 'import { parse } from "yaml";\nexport default parse("{}");\n',
      'a.js': 'var x = 1;\nexport { x };\n',
      '.gitignore': 'node_modules\n',
    },
  });
  try {
    symlinkSync(brGuardModules, join(repo.root, 'node_modules'));
    repo.commit('base');
    // Staged: the imported file turns the rule on (through a package); the work tree's does not.
    repo.write({ 'lint/rules.mjs': 'import { parse } from "yaml";\nexport default parse("no-var: error");\n' });
    repo.git('add', 'lint/rules.mjs');
    repo.write({ 'lint/rules.mjs': 'export default {};\n', 'a.js': 'var x = 2;\nexport { x };\n' });
    repo.git('add', 'a.js');
    const result = await check(repo, ['eslint']);
    assert.equal(rules(result), ['a.js:eslint/no-var']);
    assert.match(reason(result, 'eslint') ?? '', /lint\/rules\.mjs as in the index judged/);
  } finally {
    repo.cleanup();
  }
});

test('a staged JS config that cannot load from the shadow: the work tree config judges, and the reason says so', async () => {
  const repo = createTempRepo({
    files: { 'eslint.config.mjs': NO_RULES, 'prettier.config.mjs': 'export default { singleQuote: true };\n' },
  });
  try {
    repo.commit('base');
    // Imports a file that is not tracked: it is not in the shadow.
    const broken = (config: string) => `import "./local-only.mjs";\n${config}`;
    repo.write({ 'eslint.config.mjs': broken(NO_VAR), 'prettier.config.mjs': broken('export default { singleQuote: false };\n') });
    repo.git('add', 'eslint.config.mjs', 'prettier.config.mjs');
    repo.write({ 'eslint.config.mjs': NO_RULES, 'prettier.config.mjs': 'export default { singleQuote: true };\n' });
    repo.write({ 'local-only.mjs': 'export {};\n', 'a.js': "var x = 'x';\nexport { x };\n" });
    repo.git('add', 'a.js');
    for (let run = 0; run < 2; run++) {
      const result = await check(repo, ['eslint', 'prettier']);
      assert.equal(
        rules(result).filter((rule) => rule.startsWith('a.js:')),
        [],
        'judged by the work tree configs',
      );
      assert.ok(result.passed, JSON.stringify(result.checks));
      assert.not.ok(result.checks.some((c) => c.status === 'error'));
      assert.match(
        reason(result, 'eslint') ?? '',
        /^the ESLint config \(eslint\.config\.mjs, local-only\.mjs as in the index\) cannot be loaded \(.*local-only\.mjs.*\): the work tree's config judged$/,
        reason(result, 'eslint') ?? '',
      );
      assert.match(
        reason(result, 'prettier') ?? '',
        /^the Prettier config \(prettier\.config\.mjs, local-only\.mjs as in the index\) cannot be loaded .*: the work tree's config judged$/,
      );
    }
    const cli = runCli(['quality', 'check', '--staged', '--only', 'eslint,prettier', '--json'], { cwd: repo.root });
    assert.is(cli.code, 0, cli.stderr);
  } finally {
    repo.cleanup();
  }
});

test('--staged --fix formats the staged blob with the staged Prettier config', async () => {
  const repo = createTempRepo({ files: { '.prettierrc': SINGLE, 'a.ts': "export const a = 'x';\n" } });
  try {
    repo.commit('base');
    repo.write({ '.prettierrc': DOUBLE, 'a.ts': 'export const a = "y"\n' });
    repo.git('add', 'a.ts');
    const result = await check(repo, ['prettier'], { kind: 'staged' }, true);
    assert.equal(result.fixed, ['a.ts']);
    assert.is(repo.git('show', ':a.ts'), "export const a = 'y';\n");
    assert.is(readFileSync(join(repo.root, 'a.ts'), 'utf8'), "export const a = 'y';\n");
    assert.equal(rules(result), []);
  } finally {
    repo.cleanup();
  }
});

test('a commit scope and check --range A..B judge with the config in B', async () => {
  const repo = createTempRepo({
    files: { 'PROJECT_SPEC.md': '# S\n', 'eslint.config.mjs': NO_RULES, '.prettierrc': DOUBLE, 'a.js': 'var x = "x";\nexport { x };\n' },
  });
  try {
    const base = repo.commit('base');
    // B turns no-var on and asks for single quotes; the work tree goes back to the base configs.
    const head = repo.commit('stricter', { 'eslint.config.mjs': NO_VAR, '.prettierrc': SINGLE, 'a.js': "var x = 'y';\nexport { x };\n" });
    repo.write({ 'eslint.config.mjs': NO_RULES, '.prettierrc': DOUBLE });
    const atCommit = await check(repo, ['eslint', 'prettier'], { kind: 'commit', ref: head, files: ['a.js'] });
    assert.equal(rules(atCommit), ['a.js:eslint/no-var']);
    assert.match(reason(atCommit, 'eslint') ?? '', /eslint\.config\.mjs as in commit [0-9a-f]{8} judged/);
    const range = runCli(['check', '--range', `${base}..${head}`, '--json'], { cwd: repo.root });
    assert.is(range.code, 1, range.stderr);
    assert.match(range.stdout, /no-var/);
    assert.not.match(range.stdout, /prettier\/format|"rule": ?"format"/);
  } finally {
    repo.cleanup();
  }
});

test('the pre-commit hook and quality check --staged agree on a config that is not staged (real CLI)', async () => {
  // no-debugger has no fix: the hook's fixes cannot mend it.
  const NO_DEBUGGER = "export default [{ files: ['**/*.js'], rules: { 'no-debugger': 'error' } }];\n";
  const NONE = "export default [{ files: ['**/*.js'], rules: {} }];\n";
  const repo = createTempRepo({ files: { 'eslint.config.mjs': NONE, '.prettierrc': SINGLE, 'a.js': "export const x = 'x';\n" } });
  try {
    repo.commit('base');
    const env = { BR_GUARD_SKIP: 'drift,checkpoint' };
    // Unstaged: no-debugger on, double quotes. Staged: the file as the committed configs want it.
    repo.write({ 'eslint.config.mjs': NO_DEBUGGER, '.prettierrc': DOUBLE, 'a.js': "debugger;\nexport const x = 'y';\n" });
    repo.git('add', 'a.js');
    const command = runCli(['quality', 'check', '--staged', '--only', 'eslint,prettier'], { cwd: repo.root });
    const hook = runCli(['hook', 'pre-commit'], { cwd: repo.root, env });
    assert.equal([command.code, hook.code], [0, 0], `${command.stdout}\n${hook.stderr}`);
    assert.match(hook.stderr, /as in the index judged/);
    // Staged: both refuse.
    repo.git('add', 'eslint.config.mjs');
    const command2 = runCli(['quality', 'check', '--staged', '--only', 'eslint,prettier'], { cwd: repo.root });
    const hook2 = runCli(['hook', 'pre-commit'], { cwd: repo.root, env });
    assert.equal([command2.code, hook2.code], [1, 1], `${command2.stdout}\n${hook2.stderr}`);
    assert.match(hook2.stderr, /no-debugger/);
  } finally {
    repo.cleanup();
  }
});

test.run();
