import { test } from 'uvu';
import { ExitCode } from '../../../src/domain/exit-codes.js';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/adapters/git.js';
import { InterruptGuard } from '../../../src/hooks/interrupt-guard.js';
import { ConcurrentEditError } from '../../../src/hooks/undo-log.js';
import { runPreCommit } from '../../../src/hooks/run-pre-commit.js';
import { readSkipSettings } from '../../../src/hooks/skip-settings.js';
import type { HookSystems } from '../../../src/hooks/system-deps.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';
import { fakeLoaded, fakeQualityResult, fakeSystems, type FakeLog } from '../../helpers/fake-hook-systems.js';
import { markerPath } from '../../../src/hooks/backup.js';
import { currentProcessIdentity } from '../../../src/adapters/process-liveness.js';

async function deps(repo: TempRepo, log: FakeLog, env: NodeJS.ProcessEnv = {}, overrides: Partial<HookSystems> = {}) {
  return {
    git: await Git.open(repo.root),
    loadConfig: async () => fakeLoaded(),
    systems: fakeSystems(log, overrides),
    skips: readSkipSettings(env),
    guard: new InterruptGuard(
      () => undefined,
      () => undefined,
    ),
    now: () => new Date('2026-01-02T03:04:05.678Z'),
  };
}

function state(repo: TempRepo): { index: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  for (const name of ['a.txt', 'b.txt']) {
    try {
      files[name] = readFileSync(join(repo.root, name), 'utf8');
    } catch {
      files[name] = '<none>';
    }
  }
  return { index: repo.git('ls-files', '-s'), files };
}

test('nothing staged: says so and passes', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    const result = await runPreCommit(await deps(repo, { calls: [] }));
    assert.is(result.exitCode, 0);
    assert.match(result.notes.join('\n'), /nothing staged/);
  } finally {
    repo.cleanup();
  }
});

test('a staged secret blocks: quality, computing beside it, writes nothing and is not reported', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    // Two spaces: the fake fixer would collapse them, if quality were let write.
    repo.write({ 'a.txt': 'SECRET=abc  def\n' });
    repo.git('add', 'a.txt');
    const before = state(repo);
    const log = { calls: [] as string[] };
    const result = await runPreCommit(await deps(repo, log));
    assert.is(result.exitCode, 1);
    assert.equal(
      result.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:failed'],
    );
    assert.ok(log.calls.includes('quality:staged:secrets:nofix'));
    assert.equal(state(repo), before, 'no fix staged or written');
    assert.is(repo.git('for-each-ref', 'refs/buildrunner/backup/').trim(), '', 'no backup was begun');
    const git = await Git.open(repo.root);
    assert.not.ok(existsSync(markerPath(git.gitDir)));
  } finally {
    repo.cleanup();
  }
});

test('a commit whose files need no fix begins no backup', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    repo.write({ 'a.txt': 'clean\n' });
    repo.git('add', 'a.txt');
    const result = await runPreCommit(await deps(repo, { calls: [] }));
    assert.is(result.exitCode, 0);
    // A backup would have left its snapshot commits in the object store (the ref is dropped after).
    const messages = repo
      .git('cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)')
      .split('\n')
      .filter((line) => line.startsWith('commit '))
      .map((line) => repo.git('log', '-1', '--format=%s', line.slice('commit '.length)).trim());
    assert.ok(messages.length >= 2, 'the setup commit and the commit record are there to see');
    assert.not.ok(
      messages.some((message) => /backup/.test(message)),
      messages.join('; '),
    );
  } finally {
    repo.cleanup();
  }
});

test('the backup begins as soon as one fix is known, while the other files are still being fixed', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n', 'b.txt': 'y\n' } });
  try {
    repo.write({ 'a.txt': 'a  fix\n', 'b.txt': 'b  fix\n' });
    repo.git('add', 'a.txt', 'b.txt');
    const log: FakeLog = { calls: [], slowFixes: ['b.txt'] };
    const result = await runPreCommit(await deps(repo, log));
    assert.is(result.exitCode, 0, JSON.stringify(result.outcomes));
    assert.ok(log.calls.includes('fixing b.txt: backup begun'), log.calls.join('; '));
    assert.is(repo.git('show', ':b.txt'), 'b fix\n');
    assert.is(readFileSync(join(repo.root, 'a.txt'), 'utf8'), 'a fix\n');
    assert.is(repo.git('for-each-ref', 'refs/buildrunner/backup/').trim(), '', 'the backup ended with the hook');
  } finally {
    repo.cleanup();
  }
});

test('drift on the staged diff blocks when a spec exists; skipped without one', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    repo.write({ 'forbidden/x.txt': 'y\n' });
    repo.git('add', '-A');
    let result = await runPreCommit(await deps(repo, { calls: [] }));
    assert.is(result.outcomes.find((o) => o.stage === 'drift')?.status, 'skipped');
    repo.commit('spec', { 'PROJECT_SPEC.md': '# Spec\n' });
    repo.write({ 'forbidden/y.txt': 'y\n' });
    repo.git('add', '-A');
    result = await runPreCommit(await deps(repo, { calls: [] }));
    assert.is(result.exitCode, 1);
    const drift = result.outcomes.find((o) => o.stage === 'drift');
    assert.is(drift?.status, 'failed');
    assert.match(drift!.details.join('\n'), /forbidden\/y\.txt:1 layer-violation/);
    assert.is(drift?.more, 'br-guard drift check --staged');
  } finally {
    repo.cleanup();
  }
});

test('a fix on a partially staged file is staged and the unstaged edit survives', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\ntwo\nthree\nfour\nfive\n' } });
  try {
    repo.write({ 'a.txt': 'one  spaced\ntwo\nthree\nfour\nfive\n' });
    repo.git('add', 'a.txt');
    repo.write({ 'a.txt': 'one  spaced\ntwo\nthree\nfour\nfive edited\n' });
    const result = await runPreCommit(await deps(repo, { calls: [] }));
    assert.is(result.exitCode, 0, JSON.stringify(result));
    assert.match(result.outcomes.find((o) => o.stage === 'quality')!.summary, /fixed and staged a\.txt/);
    assert.is(repo.git('show', ':a.txt'), 'one spaced\ntwo\nthree\nfour\nfive\n');
    assert.is(readFileSync(join(repo.root, 'a.txt'), 'utf8'), 'one spaced\ntwo\nthree\nfour\nfive edited\n');
    assert.equal(repo.git('for-each-ref', 'refs/buildrunner/backup/'), '');
  } finally {
    repo.cleanup();
  }
});

test('a fix that conflicts with an unstaged edit stops the commit and changes nothing', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n', 'b.txt': 'b\n' } });
  try {
    repo.write({ 'a.txt': 'one  two\n', 'b.txt': 'b  b\n' });
    repo.git('add', 'a.txt', 'b.txt');
    repo.write({ 'a.txt': 'one  two  three\n' });
    const before = state(repo);
    const result = await runPreCommit(await deps(repo, { calls: [] }));
    assert.is(result.exitCode, 1);
    const quality = result.outcomes.find((o) => o.stage === 'quality')!;
    assert.match(quality.summary, /conflicts with unstaged edits/);
    assert.equal(quality.details[0], 'a.txt');
    assert.equal(state(repo), before);
  } finally {
    repo.cleanup();
  }
});

test('a failed quality gate stops the commit and restores index and work tree', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    repo.write({ 'a.txt': 'BAD  line\n', 'b.txt': 'fine  too\n' });
    repo.git('add', 'a.txt', 'b.txt');
    const before = state(repo);
    const result = await runPreCommit(await deps(repo, { calls: [] }));
    assert.is(result.exitCode, 1);
    assert.match(result.outcomes.find((o) => o.stage === 'quality')!.details.join('\n'), /a\.txt:1 fake\/bad: BAD found/);
    assert.equal(state(repo), before);
  } finally {
    repo.cleanup();
  }
});

test('BR_GUARD_SKIP skips the named stages and an active build gets a checkpoint', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    repo.write({ 'a.txt': 'SECRET=x  BAD\n' });
    repo.git('add', 'a.txt');
    const log = { calls: [] as string[] };
    const result = await runPreCommit(
      await deps(repo, log, { BR_GUARD_SKIP: 'secrets,quality,drift' }, { isBuildActive: async () => true }),
    );
    assert.is(result.exitCode, 0);
    assert.equal(
      result.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:skipped', 'drift:skipped', 'quality:skipped', 'checkpoint:passed'],
    );
    assert.equal(log.calls, ['checkpoint:true']);
  } finally {
    repo.cleanup();
  }
});

test('a leftover backup of a killed hook blocks the next commit and names the restore command', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    const git = await Git.open(repo.root);
    mkdirSync(join(git.gitDir, 'br-guard'), { recursive: true });
    writeFileSync(
      markerPath(git.gitDir),
      JSON.stringify({ ref: 'refs/buildrunner/backup/x', commit: 'c', pid: 999999, hook: 'pre-commit', startedAt: 't', indexCopy: null }),
    );
    repo.write({ 'a.txt': 'two\n' });
    repo.git('add', 'a.txt');
    const result = await runPreCommit(await deps(repo, { calls: [] }));
    assert.is(result.exitCode, 1);
    assert.match(result.notes.join('\n'), /br-guard hook restore refs\/buildrunner\/backup\/x/);
  } finally {
    repo.cleanup();
  }
});

test('a marker of a hook that still runs (same pid, same start time) stops the commit without touching it', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    const git = await Git.open(repo.root);
    mkdirSync(join(git.gitDir, 'br-guard'), { recursive: true });
    const live = JSON.stringify({
      ref: 'refs/buildrunner/backup/live',
      commit: 'c',
      pid: process.pid,
      pidStartTime: currentProcessIdentity()!.startTime,
      hook: 'pre-commit',
      startedAt: 't',
      indexCopy: null,
    });
    writeFileSync(markerPath(git.gitDir), live);
    repo.write({ 'a.txt': 'two\n' });
    repo.git('add', 'a.txt');
    const log = { calls: [] as string[] };
    const result = await runPreCommit(await deps(repo, log));
    assert.is(result.exitCode, 1);
    assert.match(result.notes.join('\n'), /another br-guard hook is running in this worktree/);
    assert.equal(log.calls, [], 'no stage ran');
    assert.is(readFileSync(markerPath(git.gitDir), 'utf8'), live);
  } finally {
    repo.cleanup();
  }
});

test('an error thrown by a system puts everything back and reports an internal error', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    repo.write({ 'a.txt': 'one  two\n' });
    repo.git('add', 'a.txt');
    repo.write({ 'a.txt': 'one  two\nmore\n' });
    const before = state(repo);
    const boom: Partial<HookSystems> = {
      async runQualityCheck(_git, _loaded, options) {
        if (options.only) return fakeQualityResult(true);
        // A fix written (through the hook's writer, as every fix is) before the system fails.
        await options.writeFile!(join(repo.root, 'a.txt'), 'clobbered\n');
        throw new Error('boom');
      },
    };
    const result = await runPreCommit(await deps(repo, { calls: [] }, {}, boom));
    // A bug blocks the commit, and its exit code says it is one (not a finding).
    assert.is(result.exitCode, ExitCode.internal);
    assert.match(result.outcomes.find((o) => o.stage === 'quality')!.summary, /internal error: boom/);
    assert.equal(state(repo), before);
  } finally {
    repo.cleanup();
  }
});

test('a file saved by someone else while the hook ran is left alone; the backup ref stays', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    repo.write({ 'a.txt': 'one  two\n' });
    repo.git('add', 'a.txt');
    const racing: Partial<HookSystems> = {
      async runQualityCheck(_git, _loaded, options) {
        if (options.only) return fakeQualityResult(true);
        // The fix staged (the backup is begun before it), then the work-tree write-back finds the
        // file saved by an editor meanwhile (undo-log tests cover the detection).
        await options.writeIndex!(async () => undefined);
        throw new ConcurrentEditError([join(repo.root, 'a.txt')]);
      },
    };
    const result = await runPreCommit(await deps(repo, { calls: [] }, {}, racing));
    assert.is(result.exitCode, 1);
    const quality = result.outcomes.find((o) => o.stage === 'quality')!;
    assert.match(quality.summary, /1 file changed while the hook ran/);
    assert.is(quality.details[0], 'a.txt');
    const ref = /saved in (refs\/buildrunner\/backup\/\S+)/.exec(quality.details[1]!)![1]!;
    assert.ok(repo.git('rev-parse', '--verify', ref).trim());
    assert.is(readFileSync(join(repo.root, 'a.txt'), 'utf8'), 'one  two\n');
    const git = await Git.open(repo.root);
    assert.not.ok(existsSync(markerPath(git.gitDir)), 'the next commit is not blocked');
  } finally {
    repo.cleanup();
  }
});

test.run();
