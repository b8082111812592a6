import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Git } from '../../../src/adapters/git.js';
import { InterruptGuard } from '../../../src/hooks/interrupt-guard.js';
import { runHook } from '../../../src/hooks/run-hook.js';
import { isFastHookCall } from '../../../src/hooks/hook-main.js';
import { UsageError } from '../../../src/domain/errors.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { fakeLoaded, fakeSystems, rejection } from '../../helpers/fake-hook-systems.js';
import { CLI, runCli } from '../../helpers/run-cli.js';

function io(root: string, env: NodeJS.ProcessEnv, stdin = '') {
  const lines: string[] = [];
  return {
    lines,
    io: { env, color: false, stderr: (t: string) => void lines.push(t), readStdin: async () => stdin, openGit: () => Git.open(root) },
  };
}

test('BR_GUARD=0 is a no-op that says so; unknown hooks are usage errors', async () => {
  const { lines, io: hookIo } = io('/nonexistent', { BR_GUARD: '0' });
  assert.is(await runHook('pre-commit', [], hookIo), 0);
  assert.match(lines.join('\n'), /BR_GUARD=0 — pre-commit hook skipped/);
  assert.ok((await rejection(() => runHook('pre-rebase', [], hookIo))) instanceof UsageError);
});

test('hooks step aside during a rebase; otherwise run the hook and print its lines', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  try {
    repo.write({ 'a.txt': 'b  c\n' });
    repo.git('add', 'a.txt');
    const git = await Git.open(repo.root);
    const overrides = {
      systems: fakeSystems(),
      loadConfig: async () => fakeLoaded(),
      guard: new InterruptGuard(
        () => undefined,
        () => undefined,
      ),
    };
    const ran = io(repo.root, { BR_GUARD_SKIP: 'drift' });
    assert.is(await runHook('pre-commit', [], ran.io, overrides), 0);
    const text = ran.lines.join('\n');
    assert.match(text, /skipping drift in pre-commit/);
    assert.match(text, /✓ pre-commit quality: .*fixed and staged a\.txt/);
    const push = io(repo.root, {}, '');
    assert.is(await runHook('pre-push', ['origin', 'url'], push.io, overrides), 0);
    const merge = io(repo.root, {});
    assert.is(await runHook('post-merge', ['0'], merge.io, overrides), 0);
    assert.match(merge.lines.join('\n'), /no PROJECT_SPEC\.md/);
    mkdirSync(join(git.gitDir, 'rebase-merge'));
    const rebasing = io(repo.root, {});
    assert.is(await runHook('pre-commit', [], rebasing.io, overrides), 0);
    assert.match(rebasing.lines.join('\n'), /rebase is in progress; the pre-commit hook steps aside/);
  } finally {
    repo.cleanup();
  }
});

test('the fast entry serves plain hook calls; others go through the full CLI', () => {
  assert.ok(isFastHookCall(['hook', 'pre-push', 'origin', 'url']));
  assert.not.ok(isFastHookCall(['hook', 'restore']));
  assert.not.ok(isFastHookCall(['hook', 'pre-commit', '--json']));
  assert.not.ok(isFastHookCall(['check']));
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  try {
    const bad = runCli(['hook', 'pre-push', 'origin'], { cwd: repo.root, input: 'garbage\n' });
    assert.is(bad.code, 2);
    assert.match(bad.stderr, /^br-guard: pre-push input line 1/);
    const empty = runCli(['hook', 'pre-commit'], { cwd: repo.root });
    assert.is(empty.code, 0);
    assert.match(empty.stderr, /nothing staged/);
    mkdirSync(join(repo.root, '.git', 'br-guard'), { recursive: true });
    writeFileSync(
      join(repo.root, '.git', 'br-guard', 'hook-backup.json'),
      JSON.stringify({
        ref: 'refs/buildrunner/backup/y',
        commit: 'c',
        pid: 2 ** 22 + 7,
        hook: 'pre-commit',
        startedAt: 't',
        indexCopy: null,
      }),
    );
    const blocked = runCli(['hook', 'pre-commit'], { cwd: repo.root });
    assert.is(blocked.code, 1);
    assert.match(blocked.stderr, /br-guard hook restore refs\/buildrunner\/backup\/y[\s\S]*commit stopped/);
    const pushNotice = runCli(['hook', 'pre-push', 'origin'], { cwd: repo.root, input: '' });
    assert.is(pushNotice.code, 0);
    assert.match(pushNotice.stderr, /br-guard hook restore refs\/buildrunner\/backup\/y/);
    const discardIt = runCli(['hook', 'restore', '--discard'], { cwd: repo.root });
    assert.match(discardIt.stderr, /forgot the interrupted hook's backup; it stays in refs\/buildrunner\/backup\/y/);
    const restoreNothing = runCli(['hook', 'restore'], { cwd: repo.root });
    assert.is(restoreNothing.code, 2);
    assert.match(restoreNothing.stderr, /no interrupted hook found/);
    const discard = runCli(['hook', 'restore', '--discard', '--json'], { cwd: repo.root });
    assert.match(discard.stderr, /no interrupted hook to forget/);
    const outside = runCli(['hook', 'pre-commit'], { cwd: '/' });
    assert.is(outside.code, 2);
  } finally {
    repo.cleanup();
  }
});

test('the hook script answers an empty pre-commit without node; anything to report still reaches br-guard', () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  const script = fileURLToPath(new URL('../../../../hooks/run-hook.sh', import.meta.url));
  // The script runs the CLI next to it (../dist/src/cli/main.js): point it at this build.
  const shipped = join(repo.root, 'pkg');
  mkdirSync(join(shipped, 'hooks'), { recursive: true });
  writeFileSync(join(shipped, 'hooks', 'run-hook.sh'), readFileSync(script));
  mkdirSync(join(shipped, 'dist', 'src', 'cli'), { recursive: true });
  writeFileSync(join(shipped, 'dist', 'src', 'cli', 'main.js'), `import(${JSON.stringify(pathToFileURL(CLI).href)});\n`);
  const hook = (env: NodeJS.ProcessEnv = {}) =>
    spawnSync('sh', [join(shipped, 'hooks', 'run-hook.sh'), 'pre-commit'], {
      cwd: repo.root,
      env: { ...process.env, NO_COLOR: '1', BR_GUARD_SKIP: '', ...env },
      encoding: 'utf8',
    });
  try {
    repo.write({ '.gitignore': 'pkg/\n' });
    const empty = hook();
    assert.is(empty.status, 0);
    assert.is(empty.stderr, '', 'nothing staged: no node, no output');
    assert.match(hook({ BR_GUARD_SKIP: 'quality' }).stderr, /BR_GUARD_SKIP/, 'a skip is always said');
    repo.write({ 'b.txt': 'b\n' });
    repo.git('add', 'b.txt');
    assert.match(hook().stderr, /pre-commit secrets/, 'something staged: br-guard runs');
  } finally {
    repo.cleanup();
  }
});

test('the hook script runs the bundle when it is newer than the build, else the modules; coverage runs the modules', () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n', '.gitignore': 'pkg/\n' } });
  const script = fileURLToPath(new URL('../../../../hooks/run-hook.sh', import.meta.url));
  const shipped = join(repo.root, 'pkg');
  const file = (path: string, text: string) => {
    mkdirSync(join(shipped, path, '..'), { recursive: true });
    writeFileSync(join(shipped, path), text);
  };
  file('hooks/run-hook.sh', readFileSync(script, 'utf8'));
  // Each entry says which it is and what it was asked.
  const says = (name: string) => `console.error(${JSON.stringify(name)}, process.argv.slice(2).join(' '));\n`;
  file('dist/src/cli/hook-bundle.cjs', says('bundle'));
  file('dist/src/cli/hook-bundle-code.cjs', says('code'));
  file('dist/src/cli/hook-entry.js', says('modules'));
  file('dist/src/cli/main.js', says('cli'));
  file('dist/.tsbuildinfo', '{}');
  const age = (path: string, seconds: number) => utimesSync(join(shipped, path), Date.now() / 1000 - seconds, Date.now() / 1000 - seconds);
  // NODE_V8_COVERAGE '' rather than absent: Node gives a child its parent's value when the key is missing.
  const run = (env: NodeJS.ProcessEnv = {}) => {
    const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', BR_GUARD_SKIP: '', ...env };
    return spawnSync('sh', [join(shipped, 'hooks', 'run-hook.sh'), 'pre-commit'], {
      cwd: repo.root,
      env: base,
      encoding: 'utf8',
    }).stderr.trim();
  };
  try {
    repo.write({ 'b.txt': 'b\n' });
    repo.git('add', 'b.txt');
    age('dist/.tsbuildinfo', 60);
    assert.is(run({ NODE_V8_COVERAGE: '' }), 'bundle hook pre-commit');
    assert.is(run({ NODE_V8_COVERAGE: join(repo.root, 'coverage') }), 'modules hook pre-commit', 'coverage maps to the modules');
    assert.is(run({ NODE_V8_COVERAGE: '', BR_GUARD_HOOK_ENTRY: 'modules' }), 'modules hook pre-commit');
    age('dist/src/cli/hook-bundle.cjs', 120);
    assert.is(run({ NODE_V8_COVERAGE: '' }), 'modules hook pre-commit', 'a bundle older than the build is stale');
    rmSync(join(shipped, 'dist', '.tsbuildinfo'));
    assert.is(run({ NODE_V8_COVERAGE: '' }), 'bundle hook pre-commit', 'the published package has no build stamp');
    rmSync(join(shipped, 'dist', 'src', 'cli', 'hook-bundle-code.cjs'));
    assert.is(run({ NODE_V8_COVERAGE: '' }), 'modules hook pre-commit', 'a loader without its code (a partial copy) is not run');
    rmSync(join(shipped, 'dist', 'src', 'cli', 'hook-bundle.cjs'));
    rmSync(join(shipped, 'dist', 'src', 'cli', 'hook-entry.js'));
    assert.is(run({ NODE_V8_COVERAGE: '' }), 'cli hook pre-commit', 'a build from before the bundle');
  } finally {
    repo.cleanup();
  }
});

test.run();
