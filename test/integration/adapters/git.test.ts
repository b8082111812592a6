import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git, GitError } from '../../../src/adapters/git.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

test('finds the repo root from a sub-folder and lists staged changes before the first commit', async () => {
  const repo = createTempRepo({ files: { 'src/a b.ts': 'export const a = 1;\n' } });
  try {
    mkdirSync(join(repo.root, 'src', 'deep'), { recursive: true });
    const git = await Git.open(join(repo.root, 'src', 'deep'));
    assert.is(git.root, repo.root);
    assert.is(await git.headCommit(), null);
    repo.git('add', '-A');
    const staged = await git.stagedChanges();
    assert.equal(staged, [{ status: 'A', path: 'src/a b.ts' }]);
    assert.is((await git.readStaged('src/a b.ts'))?.toString(), 'export const a = 1;\n');
    assert.is(await git.readStaged('missing.ts'), null);
  } finally {
    repo.cleanup();
  }
});

test('refs are compare-and-swap: a stale expected value is refused', async () => {
  const repo = createTempRepo({ commit: true });
  try {
    const git = await Git.open(repo.root);
    const head = await git.requireHead();
    await git.updateRef('refs/buildrunner/checkpoints/one', head, null);
    assert.is(await git.readRef('refs/buildrunner/checkpoints/one'), head);
    let refused = false;
    try {
      await git.updateRef('refs/buildrunner/checkpoints/one', head, null);
    } catch (error) {
      refused = error instanceof GitError;
    }
    assert.ok(refused);
    const refs = await git.listRefs('refs/buildrunner/');
    assert.equal(refs, [{ ref: 'refs/buildrunner/checkpoints/one', commit: head }]);
  } finally {
    repo.cleanup();
  }
});

test('range changes report renames with their old path', async () => {
  const repo = createTempRepo();
  try {
    const first = repo.commit('one', { 'old.ts': 'export const value = "a fairly long line of content";\n' });
    repo.git('mv', 'old.ts', 'new.ts');
    const second = repo.commit('two');
    const git = await Git.open(repo.root);
    assert.equal(await git.rangeChanges(first, second), [{ status: 'R', path: 'new.ts', from: 'old.ts' }]);
    assert.is(await git.resolveCommit('HEAD'), second);
  } finally {
    repo.cleanup();
  }
});

test('not a git repository is a one-line user error', async () => {
  try {
    await Git.open('/');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, GitError);
    assert.match((error as GitError).message, /not a git repository/);
  }
});

test.run();
