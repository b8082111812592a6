import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_TREE, Git } from '../../../src/adapters/git.js';
import { StagedSnapshot } from '../../../src/adapters/staged-snapshot.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

/** The git commands a Git instance runs, by their first two arguments. */
function countCommands(git: Git): string[] {
  const calls: string[] = [];
  const run = git.run.bind(git);
  git.run = (args, options) => {
    calls.push(args.slice(0, 2).join(' '));
    return run(args, options);
  };
  return calls;
}

test('a snapshot lists every staged change with its staged blob; symlinks and deletions have no content to check', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.ts': 'export const a = 1;\n', 'gone.ts': 'x\n', 'config.json': '{}\n' } });
  try {
    repo.write({ 'a.ts': 'export const a = 2;\n', 'new file.ts': 'export const n = 1;\n' });
    symlinkSync('a.ts', join(repo.root, 'link.ts'));
    repo.git('rm', '-q', 'gone.ts');
    repo.git('add', '-A');
    // An unstaged edit: the snapshot never sees it.
    repo.write({ 'a.ts': 'export const a = 3;\n' });
    const git = await Git.open(repo.root);
    const snapshot = await StagedSnapshot.take(git);
    assert.is(snapshot.base, 'HEAD');
    assert.equal(
      snapshot.changes().map((change) => `${change.status} ${change.path}`),
      ['M a.ts', 'D gone.ts', 'A link.ts', 'A new file.ts'],
    );
    assert.equal(
      snapshot.changedFiles().map((file) => file.path),
      ['a.ts', 'new file.ts'],
    );
    const calls = countCommands(git);
    const ids = snapshot.changedFiles().map((file) => file.blob);
    const { blobs } = await snapshot.textBlobs(ids, 1024);
    assert.equal(
      ids.map((id) => blobs.get(id)?.toString()),
      ['export const a = 2;\n', 'export const n = 1;\n'],
    );
    // Read again by a later stage: from memory (the very buffers), no git command. Object ids
    // go through the Git's long-lived cat-file readers (cat-file-batch.ts), never a new command.
    const again = await snapshot.textBlobs(ids, 1024);
    assert.ok(ids.every((id) => again.blobs.get(id) === blobs.get(id)));
    assert.equal(calls, []);
    // A changed file's text needs no listing; an unchanged one is found in the one index listing.
    assert.is(await snapshot.readText('a.ts', 1024), 'export const a = 2;\n');
    assert.is(calls.length, 0);
    assert.is(await snapshot.readText('config.json', 1024), '{}\n');
    assert.is(await snapshot.readText('gone.ts', 1024), null);
    assert.is(await snapshot.readText('missing.ts', 1024), null);
    assert.is(calls.filter((call) => call === 'ls-files -z').length, 1);
    const diff = await snapshot.unifiedDiff();
    assert.match(diff, /\+export const a = 2;/);
    assert.not.match(diff, /a = 3/);
  } finally {
    repo.cleanup();
  }
});

test('before the first commit a snapshot compares with the empty tree; big and binary blobs are said, the big one never read', async () => {
  const repo = createTempRepo({ commit: false });
  try {
    repo.write({ 'big.txt': 'x'.repeat(5000), 'small.ts': 'export const s = 1;\n' });
    writeFileSync(join(repo.root, 'bin.dat'), Buffer.from([1, 0, 2]));
    repo.git('add', '-A');
    const git = await Git.open(repo.root);
    const snapshot = await StagedSnapshot.take(git);
    assert.is(snapshot.base, EMPTY_TREE);
    const files = new Map(snapshot.changedFiles().map((file) => [file.path, file.blob]));
    assert.equal([...files.keys()].sort(), ['big.txt', 'bin.dat', 'small.ts']);
    const { blobs, skipped } = await snapshot.textBlobs([...files.values()], 1000);
    assert.equal([...blobs.keys()], [files.get('small.ts')]);
    assert.is(skipped.get(files.get('big.txt')!), '4.9 KB, over the 1000 B limit (quality.maxFileBytes)');
    assert.is(skipped.get(files.get('bin.dat')!), 'binary');
  } finally {
    repo.cleanup();
  }
});

test('an unmerged path is left out of the snapshot: a conflict is the user to resolve', async () => {
  const repo = createTempRepo({ commit: true, files: { 'c.ts': '1\n', 'd.ts': 'd\n' } });
  try {
    repo.git('checkout', '-q', '-b', 'other');
    repo.write({ 'c.ts': '2\n' });
    repo.git('commit', '-qam', 'two');
    repo.git('checkout', '-q', 'main');
    repo.write({ 'c.ts': '3\n', 'd.ts': 'dd\n' });
    repo.git('commit', '-qam', 'three');
    try {
      repo.git('merge', '-q', 'other');
    } catch {
      // the conflict is the point
    }
    repo.write({ 'e.ts': 'e\n' });
    repo.git('add', 'e.ts');
    const snapshot = await StagedSnapshot.take(await Git.open(repo.root));
    assert.equal(
      snapshot.changes().map((change) => change.path),
      ['e.ts'],
    );
    assert.not.ok((await snapshot.entries()).has('c.ts'));
  } finally {
    repo.cleanup();
  }
});

test.run();
