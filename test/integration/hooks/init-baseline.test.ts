import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { JS_APP } from '../../unit/draft/fixtures.js';

// An existing codebase with problems of its own: an unused variable (ESLint) and a package it
// imports without declaring it (drift's undeclared-import).
const EXISTING = {
  ...JS_APP,
  'src/legacy.js': "import dayjs from 'dayjs';\n\nexport function stamp() {\n  const unusedOld = 1;\n  return dayjs().format();\n}\n",
};

test('init --draft-spec --baseline: check exits 0 on the unchanged repo; a new unused variable or undeclared import exits 1, named', () => {
  const repo = createTempRepo({ commit: true, files: EXISTING });
  try {
    const before = runCli(['init', '--draft-spec'], { cwd: repo.root });
    assert.is(before.code, 0, before.stderr);
    assert.is(runCli(['check'], { cwd: repo.root }).code, 1, 'the existing problems block without a baseline');
  } finally {
    repo.cleanup();
  }
  const fresh = createTempRepo({ commit: true, files: EXISTING });
  try {
    const init = runCli(['init', '--draft-spec', '--baseline', '--json'], { cwd: fresh.root });
    assert.is(init.code, 0, init.stderr);
    assert.match(init.stderr, /br-guard init --baseline: /);
    assert.match(init.stderr, /drift {4}\.buildrunner\/drift-baseline\.json: 1 violation\(s\) recorded/);
    assert.match(init.stderr, /quality {2}\.buildrunner\/quality-baseline\.json: \d+ quality finding\(s\) recorded \(.*eslint 1/);
    // Dependencies are not installed here: the type check is skipped, not baselined.
    assert.match(init.stderr, /not recorded: tsc skipped|not recorded: .*skipped/);
    const json = init.json<{ baselines: { drift: { entries: number }; quality: { byCheck: Record<string, number> } } }>();
    assert.is(json.baselines.drift.entries, 1);
    assert.is(json.baselines.quality.byCheck.eslint, 1);
    assert.ok(existsSync(join(fresh.root, '.buildrunner/quality-baseline.json')));

    const clean = runCli(['check'], { cwd: fresh.root });
    assert.is(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stderr, /quality .*\d+ baselined/);
    assert.match(clean.stderr, /drift .*\(1 baselined\)/);

    const orders = join(fresh.root, 'src/controllers/orders.js');
    const original = readFileSync(orders, 'utf8');
    writeFileSync(orders, `${original}\nexport function count() {\n  const unusedNew = 2;\n  return 0;\n}\n`);
    const unused = runCli(['check'], { cwd: fresh.root });
    assert.is(unused.code, 1, unused.stderr);
    assert.match(unused.stderr, /src\/controllers\/orders\.js:\d+ eslint\/@typescript-eslint\/no-unused-vars: 'unusedNew'/);

    writeFileSync(orders, `import chalk from 'chalk';\n${original}export const paint = () => chalk.red('x');\n`);
    const undeclared = runCli(['check'], { cwd: fresh.root });
    assert.is(undeclared.code, 1, undeclared.stderr);
    assert.match(undeclared.stderr, /src\/controllers\/orders\.js:1 undeclared-import: .*"chalk"/);

    // A second init keeps the baselines (idempotent; it never swallows the new problem).
    const again = runCli(['init', '--baseline'], { cwd: fresh.root });
    assert.is(again.code, 0, again.stderr);
    assert.match(again.stderr, /quality-baseline\.json: already there, kept/);
    assert.is(runCli(['check'], { cwd: fresh.root }).code, 1);
  } finally {
    fresh.cleanup();
  }
});

test('init --baseline without a spec records the quality baseline and says why drift has none', () => {
  const repo = createTempRepo({ commit: true, files: EXISTING });
  try {
    const init = runCli(['init', '--baseline'], { cwd: repo.root });
    assert.is(init.code, 0, init.stderr);
    assert.match(init.stderr, /drift-baseline\.json: not recorded: no spec/);
    assert.ok(existsSync(join(repo.root, '.buildrunner/quality-baseline.json')));
    assert.is(runCli(['quality', 'check', '--all'], { cwd: repo.root }).code, 0);
  } finally {
    repo.cleanup();
  }
});

test.run();
