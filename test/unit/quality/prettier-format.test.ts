import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workTreeReader } from '../../../src/adapters/project-files.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import { prettierChecker } from '../../../src/quality/checkers/prettier-checker.js';
import { createPrettierFormat } from '../../../src/quality/checkers/prettier-format.js';
import { runCheckers } from '../../../src/quality/run-checkers.js';

/** A project whose own Prettier throws when loaded. */
function brokenPrettierProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-prettier-'));
  writeFileSync(join(root, 'package.json'), '{"name":"app","version":"1.0.0"}');
  mkdirSync(join(root, 'node_modules', 'prettier'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'prettier', 'package.json'), '{"name":"prettier","version":"0.0.1","main":"index.js"}');
  writeFileSync(join(root, 'node_modules', 'prettier', 'index.js'), "throw new Error('broken prettier');\n");
  return root;
}

test('the formatter formats, returns null for files Prettier has no parser for, and throws on a syntax error with its position', async () => {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-prettier-'));
  try {
    const format = await createPrettierFormat(root);
    const [formatted, ignored] = await Promise.all([format('a.ts', 'const  a=1'), format('a.unknown', 'x')]);
    assert.is(formatted, 'const a = 1;\n');
    assert.is(ignored, null);
    const error = await format('b.ts', 'export const x = (;\n').catch((caught: unknown) => caught);
    assert.is((error as { loc: { start: { line: number } } }).loc.start.line, 1);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('.prettierignore is read once per format: a later edit reaches the next one (a new run, or a worker restarted by its key)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-prettier-'));
  try {
    writeFileSync(join(root, '.prettierignore'), 'gen/\n');
    const format = await createPrettierFormat(root);
    assert.is(await format('gen/a.ts', 'const  a=1'), null, 'ignored');
    assert.is(await format('src/a.ts', 'const  a=1'), 'const a = 1;\n');
    writeFileSync(join(root, '.prettierignore'), '\n');
    assert.is(await format('gen/a.ts', 'const  a=1'), null, 'the same format remembers the decision');
    await format.forgetConfigs();
    assert.is(await format('gen/a.ts', 'const  a=1'), null, 'forgetting configs keeps it: .prettierignore is in the worker key');
    assert.is(await (await createPrettierFormat(root))('gen/a.ts', 'const  a=1'), 'const a = 1;\n', 'a new format reads the edit');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a Prettier that cannot load fails the check once, and no fixer is offered', async () => {
  const root = brokenPrettierProject();
  try {
    const error = await createPrettierFormat(root).catch((caught: unknown) => caught);
    assert.match(String(error), /broken prettier/);
    const base = {
      root,
      loaded: { config: defaultConfig(), configFile: null, standards: defaultQualityStandards(), standardsFile: null },
      staged: false,
      readProjectFile: workTreeReader(root),
      cacheDir: join(root, '.buildrunner', 'cache', 'quality'),
      tools: {},
      all: false,
    };
    const [run] = await runCheckers([prettierChecker], [{ path: 'a.ts', read: async () => 'const a = 1;\n' }], base, 60_000);
    assert.match(run?.error ?? '', /broken prettier/);
    assert.is(await prettierChecker.fixer!(base).catch(() => 'no fixer'), 'no fixer');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the pre-commit default leaves out the whole-program type checkers and the secrets the hook checked already', () => {
  const checks = defaultConfig().quality.preCommitChecks ?? [];
  for (const name of ['prettier', 'eslint', 'complexity', 'security']) assert.ok(checks.includes(name), name);
  assert.not.ok(checks.includes('secrets'));
  assert.not.ok(checks.includes('tsc'));
  assert.not.ok(checks.includes('mypy'));
});

test.run();
