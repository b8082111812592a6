import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/adapters/git.js';
import { runDoctor } from '../../../src/hooks/doctor/run-doctor.js';
import { describeHookEntry } from '../../../src/hooks/doctor/describe-hook-entry.js';
import { runCheck } from '../../../src/hooks/run-check.js';
import { systemsText } from '../../../src/report/systems-text.js';
import { ExitCode } from '../../../src/domain/exit-codes.js';
import { markerPath } from '../../../src/hooks/backup.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';
import { fakeDriftResult, fakeLoaded, fakeSystems } from '../../helpers/fake-hook-systems.js';

function fakeInstall(root: string, built = true): void {
  const pkg = join(root, 'node_modules', 'br-guard');
  mkdirSync(join(pkg, 'hooks'), { recursive: true });
  writeFileSync(join(pkg, 'hooks', 'run-hook.sh'), '#!/bin/sh\n');
  if (built) {
    mkdirSync(join(pkg, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(join(pkg, 'dist', 'src', 'cli', 'main.js'), '');
  }
}

test('doctor: not set up → exit 1 with what to do; after init → ok', () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{"name":"a"}' } });
  try {
    const before = runCli(['doctor', '--json'], { cwd: repo.root, env: { PATH: process.env.PATH } });
    assert.is(before.code, 1);
    const report = before.json<{ ok: boolean; checks: Array<{ name: string; ok: boolean; message: string }> }>();
    assert.is(report.ok, false);
    assert.match(report.checks.find((c) => c.name === 'hooks-path')!.message, /core\.hooksPath is not set.*br-guard init/);
    assert.match(report.checks.find((c) => c.name === 'hook:pre-commit')!.message, /missing: run br-guard init/);
    assert.is(runCli(['init'], { cwd: repo.root }).code, 0);
    fakeInstall(repo.root);
    const after = runCli(['doctor'], { cwd: repo.root });
    assert.is(after.code, 0, after.stderr);
    assert.match(
      after.stderr,
      /✓ br-guard: hooks run node_modules\/br-guard\/hooks\/run-hook\.sh, which starts dist\/src\/cli\/main\.js \(a build from before the hook bundle\)/,
    );
    assert.match(after.stderr, /the hooks are set up/);
  } finally {
    repo.cleanup();
  }
});

test('doctor names the file the hooks start, by the rules of run-hook.sh', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{"name":"a"}' } });
  try {
    fakeInstall(repo.root);
    const pkg = join(repo.root, 'node_modules', 'br-guard');
    const cli = join(pkg, 'dist', 'src', 'cli');
    const entry = (env: NodeJS.ProcessEnv = {}) => describeHookEntry(pkg, env);
    writeFileSync(join(cli, 'hook-entry.js'), '');
    assert.match(await entry(), /modules one by one .*no hook bundle: npm run build makes it/);
    writeFileSync(join(cli, 'hook-bundle.cjs'), '');
    assert.match(await entry(), /no hook bundle/, 'a loader without its code is not run');
    writeFileSync(join(cli, 'hook-bundle-code.cjs'), '');
    assert.match(
      await entry(),
      /^the hook bundle \(dist\/src\/cli\/hook-bundle\.cjs, which compiles hook-bundle-code\.cjs from V8's code cache\)$/,
      'no build stamp: a published package',
    );
    assert.match(await entry({ BR_GUARD_HOOK_ENTRY: 'modules' }), /modules one by one .*BR_GUARD_HOOK_ENTRY=modules/);
    writeFileSync(join(pkg, 'dist', '.tsbuildinfo'), '{}');
    utimesSync(join(cli, 'hook-bundle.cjs'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    assert.match(await entry(), /older than the last tsc build: npm run build bundles it again/);
    utimesSync(join(pkg, 'dist', '.tsbuildinfo'), new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    assert.match(await entry(), /^the hook bundle \(dist\/src\/cli\/hook-bundle\.cjs/);
  } finally {
    repo.cleanup();
  }
});

test('doctor spots foreign hooks, non-executable files, missing node, unbuilt br-guard, leftovers', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{"name":"a"}' } });
  try {
    assert.is(runCli(['init'], { cwd: repo.root }).code, 0);
    fakeInstall(repo.root, false);
    writeFileSync(join(repo.root, '.husky', 'pre-push'), 'npm test\n');
    chmodSync(join(repo.root, '.husky', 'post-merge'), 0o644);
    const git = await Git.open(repo.root);
    mkdirSync(join(git.gitDir, 'br-guard'), { recursive: true });
    writeFileSync(
      markerPath(git.gitDir),
      JSON.stringify({
        ref: 'refs/buildrunner/backup/x',
        commit: 'c',
        pid: 2 ** 22 + 1,
        hook: 'pre-commit',
        startedAt: 't',
        indexCopy: null,
      }),
    );
    const notice = runCli(['check', '--json', '--cwd', repo.root], { cwd: '/' });
    assert.match(notice.stderr, /Restore them with:\s+br-guard hook restore refs\/buildrunner\/backup\/x/);
    const report = await runDoctor(git, repo.root, { env: { PATH: '/nonexistent' }, huskyInit: join(repo.root, 'no-init.sh') });
    const byName = new Map(report.checks.map((c) => [c.name, c]));
    assert.is(report.ok, false);
    assert.match(byName.get('hook:pre-push')!.message, /does not call br-guard/);
    assert.match(byName.get('hook:post-merge')!.message, /not executable/);
    assert.match(byName.get('node')!.message, /cannot find node.*no-init\.sh/);
    assert.match(byName.get('br-guard')!.message, /no dist\/src\/cli\/main\.js/);
    assert.match(byName.get('interrupted-hook')!.message, /br-guard hook restore refs\/buildrunner\/backup\/x/);
    assert.ok(byName.get('js-parser')!.ok);
    assert.match(byName.get('js-parser')!.message, /JS\/TS parsed by (oxc-parser \(native\)|typescript-estree: )/);
    assert.ok(byName.get('native-engines')!.ok);
    assert.match(
      byName.get('native-engines')!.message,
      /^(oxlint and oxfmt load \(native\)|.*cannot load .*ESLint and Prettier run instead)/,
    );
    const noNative = runCli(['doctor', '--json', '--cwd', repo.root], {
      cwd: '/',
      env: { NAPI_RS_NATIVE_LIBRARY_PATH: join(repo.root, 'missing.node') },
    });
    assert.match(
      noNative.json<{ checks: Array<{ name: string; message: string }> }>().checks.find((c) => c.name === 'native-engines')!.message,
      /^oxlint cannot load \(Cannot find native binding\.\); oxfmt cannot load \(Cannot find native binding\.\): with quality\.engines: native, ESLint and Prettier run instead/,
    );
    const forced = runCli(['doctor', '--json', '--cwd', repo.root], { cwd: '/', env: { BR_GUARD_JS_PARSER: 'typescript-estree' } });
    const forcedParser = forced.json<{ checks: Array<{ name: string; message: string }> }>().checks.find((c) => c.name === 'js-parser');
    assert.match(forcedParser!.message, /typescript-estree: .*BR_GUARD_JS_PARSER/);
    repo.git('config', 'core.hooksPath', '.githooks');
    const foreign = await runDoctor(git, repo.root, { env: { PATH: '/nonexistent' }, huskyInit: join(repo.root, 'no-init.sh') });
    assert.match(foreign.checks.find((c) => c.name === 'hooks-path')!.message, /core\.hooksPath = \.githooks, not husky's/);
    assert.ok(foreign.checks.find((c) => c.name === 'husky-runtime')!.ok, 'the runtime is there, git just does not use it');
    repo.git('config', 'core.hooksPath', 'elsewhere/_');
    const gone = await runDoctor(git, repo.root, { env: { PATH: '/nonexistent' }, huskyInit: join(repo.root, 'no-init.sh') });
    assert.match(gone.checks.find((c) => c.name === 'husky-runtime')!.message, /elsewhere\/_ lacks h, pre-commit/);
    assert.match(gone.checks.find((c) => c.name === 'hook:pre-commit')!.message, /elsewhere\/pre-commit is missing/);
  } finally {
    repo.cleanup();
  }
});

test("doctor in a linked worktree: hooks missing there, or another checkout's", async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{"name":"a"}' } });
  const wt = `${repo.root}-wt`;
  try {
    assert.is(runCli(['init'], { cwd: repo.root }).code, 0);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'init');
    const env = { env: { PATH: process.env.PATH }, huskyInit: join(repo.root, 'no-init.sh') };
    const main = await runDoctor(await Git.open(repo.root), repo.root, env);
    assert.not.ok(
      main.checks.some((c) => c.name === 'worktree'),
      'the main worktree has no worktree check',
    );
    repo.git('worktree', 'add', '-q', '-b', 'side', wt);
    // .husky/_ is git-ignored: the new worktree has the tracked hook files but not husky's runtime.
    const missing = (await runDoctor(await Git.open(wt), wt, env)).checks.find((c) => c.name === 'worktree');
    assert.is(missing?.ok, false);
    assert.match(missing!.message, /linked worktree: \.husky\/_\/pre-commit does not exist here .*run br-guard init here/);
    // An absolute hooks path into the main checkout: the worktree runs the main checkout's hooks.
    repo.git('config', 'core.hooksPath', join(repo.root, '.husky', '_'));
    const foreign = (await runDoctor(await Git.open(wt), wt, env)).checks.find((c) => c.name === 'worktree');
    assert.is(foreign?.ok, false);
    assert.match(foreign!.message, /another checkout's/);
    // init in the worktree makes its hooks its own, and says so.
    const init = runCli(['init'], { cwd: wt });
    assert.is(init.code, 0, init.stderr);
    assert.match(init.stderr, /linked worktree: core\.hooksPath is shared and relative, so this checkout runs its own \.husky\/_/);
    assert.is(repo.git('config', 'core.hooksPath').trim(), '.husky/_');
    const fine = (await runDoctor(await Git.open(wt), wt, env)).checks.find((c) => c.name === 'worktree');
    assert.equal([fine?.ok, fine?.message], [true, 'linked worktree: hooks run from .husky/_ in this checkout']);
  } finally {
    repo.git('worktree', 'remove', '--force', wt);
    repo.cleanup();
  }
});

/** What `import()` throws for a module absent from the installed package. */
function missingModule(): Error {
  return Object.assign(new Error("Cannot find module '/x/dist/src/drift/run-drift-check.js'"), { code: 'ERR_MODULE_NOT_FOUND' });
}

test('check: one report; failures exit 1, missing spec exit 2, a module that does not load is an internal error', async () => {
  const repo = createTempRepo({ commit: true, files: { 'PROJECT_SPEC.md': '# S\n', 'forbidden/a.txt': 'x\n' } });
  try {
    const git = await Git.open(repo.root);
    const passing = await runCheck({
      git,
      loaded: fakeLoaded(),
      systems: fakeSystems({ calls: [] }, { runDriftCheck: async () => fakeDriftResult() }),
    });
    assert.equal(
      passing.stages.map((s) => `${s.name}:${s.status}`),
      ['spec:passed', 'gaps:passed', 'quality:passed', 'drift:passed'],
    );
    assert.equal([passing.passed, passing.exitCode, passing.complete], [true, 0, true]);
    assert.match(systemsText(passing, { color: false }), /br-guard check: passed$/);
    const failing = await runCheck({
      git,
      loaded: fakeLoaded({ minCompletion: 90 }),
      systems: fakeSystems(
        { calls: [] },
        {
          validateSpec: async () => ({ valid: false, errors: [{ line: 1, message: 'cycle' }], warnings: [] }),
          runDriftCheck: async () => {
            throw missingModule();
          },
        },
      ),
    });
    assert.equal(
      failing.stages.map((s) => `${s.name}:${s.status}:${s.exitCode}`),
      ['spec:failed:1', 'gaps:failed:1', 'quality:passed:0', `drift:error:${ExitCode.internal}`],
    );
    // A bug outranks the findings beside it: the run's verdict is not to be trusted.
    assert.equal([failing.passed, failing.exitCode, failing.complete], [false, ExitCode.internal, true]);
    const text = systemsText(failing, { color: true });
    assert.match(text, /PROJECT_SPEC\.md:1: cycle/);
    assert.match(text, /drift +internal error: Cannot find module/);
    assert.match(text, /failed \(exit 70\)/);
    // A module that does not load alone never passes: its checks did not run.
    const broken = await runCheck({
      git,
      loaded: fakeLoaded(),
      systems: fakeSystems(
        { calls: [] },
        {
          runDriftCheck: async () => {
            throw missingModule();
          },
        },
      ),
    });
    assert.equal([broken.passed, broken.exitCode], [false, ExitCode.internal]);
    assert.match(systemsText(broken, { color: false }), /BR_GUARD_DEBUG=1/);
    repo.git('rm', '-q', 'PROJECT_SPEC.md');
    const missing = await runCheck({ git, loaded: fakeLoaded(), systems: fakeSystems() });
    assert.equal(
      missing.stages.map((s) => s.status),
      ['error', 'skipped', 'passed', 'skipped'],
    );
    assert.is(missing.exitCode, 2);
    assert.match(systemsText(missing, { color: false }), /passed what ran|failed \(exit 2\)/);
  } finally {
    repo.cleanup();
  }
});

test('check --json through the CLI prints one document', () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# x\n' } });
  try {
    const result = runCli(['check', '--json'], { cwd: repo.root });
    const report = result.json<{ passed: boolean; exitCode: number; stages: Array<{ name: string; status: string }> }>();
    assert.equal(
      report.stages.map((s) => s.name),
      ['spec', 'gaps', 'quality', 'drift'],
    );
    assert.is(report.stages[0]!.status, 'error');
    assert.is(result.code, report.exitCode);
  } finally {
    repo.cleanup();
  }
});

test.run();
