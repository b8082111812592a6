import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { commitTree } from '../../../src/adapters/git-objects.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

/** Counts the git commands a Git instance runs, by their first argument. */
function counting(git: Git): Map<string, number> {
  const counts = new Map<string, number>();
  const run = git.run.bind(git);
  git.run = (args, options) => {
    counts.set(args[0]!, (counts.get(args[0]!) ?? 0) + 1);
    return run(args, options);
  };
  return counts;
}

test('a pinned HEAD is read once for the handle; an unpinned one every time', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const plain = await Git.open(repo.root);
    const plainCounts = counting(plain);
    await plain.headCommit();
    await plain.headCommit();
    assert.is(plainCounts.get('rev-parse'), 2);
    const pinned = await Git.open(repo.root);
    const counts = counting(pinned);
    pinned.pinHead();
    assert.equal(await Promise.all([pinned.headCommit(), pinned.headCommit()]), [head, head]);
    assert.is(await pinned.stagedDiff(), '');
    assert.is(counts.get('rev-parse'), 1);
  } finally {
    repo.cleanup();
  }
});

test('open({ readHead }) reads HEAD in its own git call: pinHead takes it with no other, an unborn HEAD is null', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const git = await Git.open(repo.root, { readHead: true });
    const counts = counting(git);
    assert.is(await git.headCommit(), head, 'unpinned: read afresh');
    assert.is(counts.get('rev-parse'), 1);
    repo.write({ 'b.txt': 'y\n' });
    repo.git('add', 'b.txt');
    repo.git('commit', '-qm', 'moved');
    git.pinHead();
    assert.is(await git.headCommit(), head, 'pinned: HEAD as open read it');
    assert.is(counts.get('rev-parse'), 1, 'no git call for the pin');
    assert.equal([git.root, git.gitDir], [(await Git.open(repo.root)).root, (await Git.open(repo.root)).gitDir]);
  } finally {
    repo.cleanup();
  }
  const unborn = createTempRepo({ commit: false });
  try {
    const git = await Git.open(unborn.root, { readHead: true });
    const counts = counting(git);
    git.pinHead();
    assert.is(await git.headCommit(), null);
    assert.is(counts.get('rev-parse'), undefined);
  } finally {
    unborn.cleanup();
  }
  let error: unknown = null;
  await Git.open('/', { readHead: true }).catch((caught: unknown) => (error = caught));
  assert.match(String(error), /not a git repository/);
});

test("a commit's tree through the long-lived reader, as rev-parse gives it; an unknown commit is null", async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    const git = await Git.open(repo.root);
    const counts = counting(git);
    const head = repo.git('rev-parse', 'HEAD').trim();
    assert.is(await commitTree(git, head), repo.git('rev-parse', 'HEAD^{tree}').trim());
    assert.is(counts.size, 0, 'no one-shot git command');
    assert.is(await commitTree(git, '0123456789abcdef0123456789abcdef01234567'), null);
  } finally {
    repo.cleanup();
  }
});

test.run();
