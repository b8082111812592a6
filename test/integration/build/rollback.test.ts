import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { UserError } from '../../../src/domain/errors.js';
import { saveCheckpoint } from '../../../src/build/create-checkpoint.js';
import { listCheckpoints } from '../../../src/build/list-checkpoints.js';
import { rollback } from '../../../src/build/rollback.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';
import { snapshotRepo } from './snapshot-repo.js';

const limits = { maxUntrackedFileBytes: 10 * 1024 * 1024, keepAutomatic: 20 };

function dirtyRepo(): TempRepo {
  const repo = createTempRepo({
    files: {
      '.gitignore': '*.log\nbuild/\n',
      'a.txt': 'a1\n',
      'sp ace.txt': 'space\n',
      'ünï/cödé.txt': 'unicode\n',
      'exec.sh': '#!/bin/sh\necho hi\n',
      'dir/x.txt': 'x\n',
      'del.txt': 'to delete\n',
      'bin.dat': '\u0000\u0001\u0002binary',
    },
  });
  chmodSync(join(repo.root, 'exec.sh'), 0o755);
  symlinkSync('a.txt', join(repo.root, 'link'));
  repo.commit('initial');
  // Staged and then changed again (partially staged), unstaged, deleted, staged deletion,
  // staged new, untracked (space, unicode), ignored files.
  repo.write({ 'a.txt': 'a2 staged\n' });
  repo.git('add', 'a.txt');
  repo.write({ 'a.txt': 'a3 unstaged on top\n', 'sp ace.txt': 'space changed\n', 'staged-new.txt': 'new\n' });
  repo.git('add', 'staged-new.txt');
  rmSync(join(repo.root, 'del.txt'));
  repo.git('rm', '-q', '--cached', 'dir/x.txt');
  repo.write({
    'new file.txt': 'untracked\n',
    'ünï/nëw.txt': 'untracked unicode\n',
    'debug.log': 'ignored 1\n',
    'build/out.bin': 'ignored 2\n',
  });
  return repo;
}

function messUp(repo: TempRepo): void {
  repo.write({ 'a.txt': 'changed later\n', 'later.txt': 'created after\n', 'later/deep/file.txt': 'deep\n' });
  rmSync(join(repo.root, 'new file.txt'));
  repo.git('add', '-A');
  repo.git('commit', '-q', '--no-verify', '-m', 'later');
  chmodSync(join(repo.root, 'exec.sh'), 0o644);
  repo.write({ 'debug.log': 'ignored changed later\n', 'ünï/cödé.txt': 'changed\n', 'staged-new.txt': 'typed over\n' });
  rmSync(join(repo.root, 'link'));
  writeFileSync(join(repo.root, 'link'), 'no longer a link');
}

test('rollback restores the previous state: work tree, index, status and HEAD byte for byte; ignored files untouched; and it can be undone', async () => {
  const repo = dirtyRepo();
  try {
    const git = await Git.open(repo.root);
    const before = snapshotRepo(repo.root);
    const indexBefore = readFileSync(join(repo.root, '.git/index'));
    const saved = await saveCheckpoint(git, { name: 'c1', message: 'dirty', auto: false, state: () => null, ...limits });
    // Saving touched nothing of the user's.
    assert.equal(snapshotRepo(repo.root), before);
    assert.ok(readFileSync(join(repo.root, '.git/index')).equals(indexBefore), 'the real index file is byte-identical');
    assert.is(saved.meta.branch, 'refs/heads/main');
    messUp(repo);
    const messed = snapshotRepo(repo.root);
    assert.is.not(messed.head, before.head);
    let announced = '';
    const result = await rollback(git, 'c1', { ...limits, onSaved: (name) => (announced = name) });
    assert.match(result.saved, /^pre-rollback-/);
    assert.is(announced, result.saved);
    const after = snapshotRepo(repo.root);
    assert.equal(after.files, before.files);
    assert.equal(after.index, before.index);
    assert.equal(after.cached, before.cached);
    assert.equal(after.status, before.status);
    assert.equal([after.head, after.branch], [before.head, before.branch]);
    assert.equal(after.ignored, messed.ignored, 'ignored files are as they were just before the rollback');
    assert.not.ok(existsSync(join(repo.root, 'later')), 'folders left empty are removed');
    // Roll back the rollback.
    await rollback(git, result.saved, limits);
    const undone = snapshotRepo(repo.root);
    assert.equal(undone, messed);
  } finally {
    repo.cleanup();
  }
});

test('CLI: checkpoint, list, rollback (prints the safety checkpoint), unknown checkpoint and refusal during a merge exit 2', () => {
  const repo = createTempRepo({ commit: true, files: { 'f.txt': 'base\n' } });
  try {
    repo.write({ 'f.txt': 'work in progress\n' });
    assert.is(runCli(['build', 'checkpoints'], { cwd: repo.root }).stdout, 'no checkpoints\n');
    const made = runCli(['build', 'checkpoint', 'wip', '-m', 'before refactor'], { cwd: repo.root });
    assert.is(made.code, 0, made.stderr);
    assert.match(made.stdout, /checkpoint wip/);
    assert.is(runCli(['build', 'checkpoint', 'wip'], { cwd: repo.root }).code, 2);
    assert.is(runCli(['build', 'checkpoint', '../bad'], { cwd: repo.root }).code, 2);
    const list = runCli(['build', 'checkpoints', '--json'], { cwd: repo.root });
    const entries = list.json<Array<{ name: string; commit: string; createdAt: string; message: string; auto: boolean }>>();
    assert.equal(
      entries.map((e) => [e.name, e.message, e.auto]),
      [['wip', 'before refactor', false]],
    );
    assert.match(runCli(['build', 'checkpoints'], { cwd: repo.root }).stdout, /^\S+ {2}wip {2}[0-9a-f]{12} {2}before refactor\n$/);
    assert.is(repo.git('rev-parse', 'refs/buildrunner/checkpoints/wip').trim(), entries[0]!.commit);
    repo.write({ 'f.txt': 'ruined\n' });
    const back = runCli(['rollback', 'wip'], { cwd: repo.root });
    assert.is(back.code, 0, back.stderr);
    assert.match(back.stdout, /saved the current state as checkpoint pre-rollback-\S+/);
    assert.is(readFileSync(join(repo.root, 'f.txt'), 'utf8'), 'work in progress\n');
    const asJson = runCli(['rollback', 'wip', '--json'], { cwd: repo.root });
    assert.is(asJson.code, 0, asJson.stderr);
    assert.equal(Object.keys(asJson.json()), ['target', 'saved', 'headMoves', 'written', 'removed', 'skipped']);
    assert.match(asJson.stderr, /saved the current state as checkpoint/);
    const unknown = runCli(['build', 'rollback', 'nope'], { cwd: repo.root });
    assert.is(unknown.code, 2);
    assert.match(unknown.stderr, /unknown checkpoint: nope/);
    assert.not.match(unknown.stderr, /at .*\.js/);
    // A merge in progress: refuse with the reason.
    repo.git('stash', '-q', '-u');
    repo.git('checkout', '-q', '-b', 'other');
    repo.commit('other', { 'f.txt': 'other side\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main', { 'f.txt': 'main side\n' });
    try {
      repo.git('merge', 'other');
    } catch {
      // Conflict expected.
    }
    assert.ok(existsSync(join(repo.root, '.git/MERGE_HEAD')));
    const refused = runCli(['rollback', 'wip'], { cwd: repo.root });
    assert.is(refused.code, 2);
    assert.match(refused.stderr, /a merge is in progress/);
    const json = runCli(['build', 'checkpoints', '--json'], { cwd: repo.root }).json<unknown[]>();
    assert.is(json.length, 3, 'a refused rollback saves nothing');
  } finally {
    repo.cleanup();
  }
});

test('untracked files over the size cap are left out and listed; retention keeps the last N automatic checkpoints only', async () => {
  const repo = createTempRepo({ commit: true, files: { 'f.txt': 'x\n' } });
  try {
    const git = await Git.open(repo.root);
    repo.write({ 'big.bin': 'x'.repeat(2000), 'small.txt': 'ok\n' });
    const manual = await saveCheckpoint(git, { name: 'm', auto: false, state: () => null, maxUntrackedFileBytes: 1000, keepAutomatic: 2 });
    assert.equal(manual.meta.skipped, [{ path: 'big.bin', bytes: 2000 }]);
    const files = repo.git('ls-tree', '-r', '--name-only', `${manual.commit}:worktree`).split('\n').filter(Boolean);
    assert.equal(files.sort(), ['f.txt', 'small.txt']);
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      names.push(
        (
          await saveCheckpoint(git, {
            auto: true,
            state: () => null,
            maxUntrackedFileBytes: 1000,
            keepAutomatic: 2,
            now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
          })
        ).name,
      );
    }
    const left = (await listCheckpoints(git)).map((c) => c.name);
    assert.equal(left.sort(), ['m', ...names.slice(2)].sort());
    // Rolling back keeps big.bin (not in either snapshot) and removes small.txt's later edits.
    repo.write({ 'small.txt': 'edited\n' });
    await rollback(git, 'm', { maxUntrackedFileBytes: 1000, keepAutomatic: 2 });
    assert.is(readFileSync(join(repo.root, 'small.txt'), 'utf8'), 'ok\n');
    assert.ok(existsSync(join(repo.root, 'big.bin')));
    // small.txt grows over the cap: the safety checkpoint leaves it out, so the rollback must not overwrite it.
    repo.write({ 'small.txt': 'y'.repeat(3000) });
    try {
      await rollback(git, 'm', { maxUntrackedFileBytes: 1000, keepAutomatic: 2 });
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /cannot restore small\.txt: a file that is not in the checkpoint/);
    }
    assert.is(readFileSync(join(repo.root, 'small.txt'), 'utf8').length, 3000);
  } finally {
    repo.cleanup();
  }
});

test('detached HEAD and a switched branch are restored; a checkpoint before the first commit works', async () => {
  const repo = createTempRepo({ files: { 'only.txt': 'first\n' } });
  try {
    const git = await Git.open(repo.root);
    const unborn = await saveCheckpoint(git, { name: 'unborn', auto: false, state: () => null, ...limits });
    assert.is(unborn.meta.head, null);
    const first = repo.commit('first');
    repo.git('checkout', '-q', '--detach');
    await saveCheckpoint(git, { name: 'detached', auto: false, state: () => null, ...limits });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('second', { 'two.txt': '2\n' });
    await rollback(git, 'detached', limits);
    assert.is(repo.git('rev-parse', 'HEAD').trim(), first);
    let detached = false;
    try {
      repo.git('symbolic-ref', '-q', 'HEAD');
    } catch {
      detached = true;
    }
    assert.ok(detached);
    assert.not.ok(existsSync(join(repo.root, 'two.txt')));
    await rollback(git, 'unborn', limits);
    assert.is(repo.git('symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
    assert.is(await git.headCommit(), null);
    assert.is(repo.git('status', '--porcelain').trim(), '?? only.txt');
  } finally {
    repo.cleanup();
  }
});

test('a rollback refuses while the index is locked, and a checkpoint refuses with unresolved conflicts', async () => {
  const repo = createTempRepo({ commit: true, files: { 'f.txt': 'base\n' } });
  try {
    const git = await Git.open(repo.root);
    await saveCheckpoint(git, { name: 'c', auto: false, state: () => null, ...limits });
    mkdirSync(join(repo.root, '.git'), { recursive: true });
    writeFileSync(join(repo.root, '.git/index.lock'), '');
    repo.write({ 'f.txt': 'edited\n' });
    try {
      await rollback(git, 'c', limits);
      assert.unreachable('should refuse');
    } catch (error) {
      assert.instance(error, UserError);
      assert.match((error as Error).message, /index\.lock exists/);
    }
    assert.is(readFileSync(join(repo.root, 'f.txt'), 'utf8'), 'edited\n', 'nothing changed');
    rmSync(join(repo.root, '.git/index.lock'));
    repo.git('add', 'f.txt');
    repo.write({ 'f.txt': 'conflict?\n' });
    await rollback(git, 'c', limits);
    assert.is(readFileSync(join(repo.root, 'f.txt'), 'utf8'), 'base\n');
    assert.is(repo.git('status', '--porcelain'), '');
    // An index that has gone missing is rebuilt from the checkpoint.
    repo.write({ 'staged.txt': 'staged\n' });
    repo.git('add', 'staged.txt');
    await saveCheckpoint(git, { name: 'staged', auto: false, state: () => null, ...limits });
    rmSync(join(repo.root, '.git/index'));
    await rollback(git, 'staged', limits);
    assert.is(repo.git('status', '--porcelain'), 'A  staged.txt\n');
  } finally {
    repo.cleanup();
  }
});

test('a rollback refuses while a build runs, and stops rather than delete an ignored folder in the way', async () => {
  const repo = createTempRepo({ commit: true, files: { '.gitignore': 'cache/\n', cache: 'a tracked file\n' } });
  try {
    const git = await Git.open(repo.root);
    await saveCheckpoint(git, { name: 'c', auto: false, state: () => null, ...limits });
    const { writeBuildState } = await import('../../../src/build/build-state.js');
    const running = {
      version: 1,
      runId: 'r',
      state: 'running',
      startedAt: '',
      updatedAt: '',
      pid: process.ppid,
      concurrency: 1,
      tasks: [],
      gates: [],
      checkpointedBatches: [],
      lastCheckpoint: null,
    } as const;
    await writeBuildState(repo.root, { ...running, tasks: [], gates: [], checkpointedBatches: [] });
    try {
      await rollback(git, 'c', limits);
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /a build is running/);
    }
    rmSync(join(repo.root, '.buildrunner'), { recursive: true });
    rmSync(join(repo.root, 'cache'));
    repo.write({ 'cache/ignored.bin': 'precious\n' });
    try {
      await rollback(git, 'c', limits);
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /cannot restore cache: a folder that is not in the checkpoint/);
    }
    assert.is(readFileSync(join(repo.root, 'cache/ignored.bin'), 'utf8'), 'precious\n');
    assert.not.ok(existsSync(join(repo.root, '.git/index.lock')), 'the lock is released');
  } finally {
    repo.cleanup();
  }
});

test('checkpoints and rollbacks work in a linked worktree, on its own index and branch', async () => {
  const repo = createTempRepo({ commit: true, files: { 'f.txt': 'main\n' } });
  const linked = `${repo.root}-linked`;
  try {
    repo.git('worktree', 'add', '-q', '-b', 'side', linked);
    const git = await Git.open(join(linked));
    writeFileSync(join(linked, 'f.txt'), 'side work\n');
    writeFileSync(join(linked, 'new.txt'), 'new\n');
    await saveCheckpoint(git, { name: 'side-wip', auto: false, state: () => null, ...limits });
    writeFileSync(join(linked, 'f.txt'), 'ruined\n');
    rmSync(join(linked, 'new.txt'));
    await rollback(git, 'side-wip', limits);
    assert.is(readFileSync(join(linked, 'f.txt'), 'utf8'), 'side work\n');
    assert.is(readFileSync(join(linked, 'new.txt'), 'utf8'), 'new\n');
    assert.is(readFileSync(join(repo.root, 'f.txt'), 'utf8'), 'main\n', 'the main worktree is untouched');
    assert.is(repo.git('-C', linked, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/side');
  } finally {
    rmSync(linked, { recursive: true, force: true });
    repo.cleanup();
  }
});

test.run();
