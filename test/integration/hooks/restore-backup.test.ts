import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/adapters/git.js';
import {
  beginBackup,
  BACKUP_PREFIX,
  backupRefName,
  endBackup,
  findLeftoverBackup,
  isProcessAlive,
  leftoverMessage,
  markerPath,
} from '../../../src/hooks/backup.js';
import { discardLeftover, restoreBackup } from '../../../src/hooks/restore-backup.js';
import { leftoverNotice, findGitDir } from '../../../src/hooks/leftover-notice.js';
import { UserError } from '../../../src/domain/errors.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { rejection } from '../../helpers/fake-hook-systems.js';

test('backup ref names sort by time and carry the pid', () => {
  assert.is(backupRefName(new Date('2026-01-02T03:04:05.678Z'), 42), `${BACKUP_PREFIX}20260102T030405678Z-42`);
  assert.ok(isProcessAlive(process.pid));
  assert.not.ok(isProcessAlive(2 ** 22 + 12345));
});

test('a hook backup keeps the racy-clean edit and leaves out untracked files over the configured cap', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    // Edited right after staging, same size: git's racy-file check must still see it.
    repo.write({ 'a.txt': 'two\n' });
    repo.git('add', 'a.txt');
    repo.write({ 'a.txt': 'six\n', 'small.txt': 'tiny\n', 'large.bin': 'x'.repeat(64) });
    const git = await Git.open(repo.root);
    const marker = await beginBackup(git, 'pre-commit', new Date(), 32);
    const saved = repo.git('ls-tree', '-r', '--name-only', marker.commit).trim().split('\n');
    assert.equal(saved.sort(), ['a.txt', 'small.txt']);
    assert.is(repo.git('show', `${marker.commit}:a.txt`), 'six\n');
    assert.is(repo.git('show', `${marker.commit}^2:a.txt`), 'two\n', 'the index commit holds what was staged');
    await endBackup(git, marker);
  } finally {
    repo.cleanup();
  }
});

test('a backup of a killed hook is found, restored exactly, and the restore can be undone', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n', 'b.txt': 'b\n' } });
  try {
    repo.write({ 'a.txt': 'staged\n' });
    repo.git('add', 'a.txt');
    repo.write({ 'a.txt': 'staged\nunstaged\n', 'new.txt': 'untracked\n' });
    const git = await Git.open(repo.root);
    const indexBefore = repo.git('ls-files', '-s');
    const indexTime = statSync(join(git.gitDir, 'index')).mtime.getTime();
    const marker = await beginBackup(git, 'pre-commit');
    assert.is(marker.indexMtimeMs, indexTime, 'the marker keeps the index time, which goes back with its bytes');
    // What a killed hook may leave: half-fixed files and a changed index.
    writeFileSync(join(repo.root, 'a.txt'), 'half fixed\n');
    writeFileSync(join(repo.root, 'b.txt'), 'changed\n');
    repo.git('add', 'b.txt');
    // Pretend the hook's process is gone.
    const fake = { ...marker, pid: 2 ** 22 + 12345 };
    writeFileSync(markerPath(git.gitDir), JSON.stringify(fake));
    const found = await findLeftoverBackup(git.gitDir);
    assert.is(found?.ref, marker.ref);
    assert.match(leftoverMessage(found!), new RegExp(`br-guard hook restore ${marker.ref}`));
    assert.match((await leftoverNotice(join(repo.root)))!, /interrupted/);
    const result = await restoreBackup(git, marker.ref);
    assert.equal(result.restoredFiles.sort(), ['a.txt', 'b.txt']);
    assert.is(readFileSync(join(repo.root, 'a.txt'), 'utf8'), 'staged\nunstaged\n');
    assert.is(readFileSync(join(repo.root, 'b.txt'), 'utf8'), 'b\n');
    assert.is(readFileSync(join(repo.root, 'new.txt'), 'utf8'), 'untracked\n');
    assert.is(repo.git('ls-files', '-s'), indexBefore);
    assert.is(statSync(join(git.gitDir, 'index')).mtime.getTime(), indexTime);
    assert.is(await findLeftoverBackup(git.gitDir), null);
    assert.is(await git.readRef(marker.ref), null);
    assert.ok(await git.readRef(result.savedAs));
    // Undo the restore: back to the half-fixed state, index from its own snapshot.
    const undo = await restoreBackup(git, result.savedAs.slice(BACKUP_PREFIX.length));
    assert.is(readFileSync(join(repo.root, 'a.txt'), 'utf8'), 'half fixed\n');
    assert.match(repo.git('show', ':b.txt'), /changed/);
    assert.ok(undo.savedAs);
  } finally {
    repo.cleanup();
  }
});

test('restore refuses unknown refs and non-backups; discard forgets the marker but keeps the ref', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    const git = await Git.open(repo.root);
    const unknown = await rejection(() => restoreBackup(git, 'nope'));
    assert.ok(unknown instanceof UserError && /no such backup/.test(unknown.message));
    repo.git('update-ref', `${BACKUP_PREFIX}plain`, 'HEAD');
    assert.match((await rejection(() => restoreBackup(git, `${BACKUP_PREFIX}plain`))).message, /not a br-guard backup/);
    assert.is(await discardLeftover(git), null);
    const marker = await beginBackup(git, 'pre-commit');
    assert.is(await discardLeftover(git), null, 'a live hook (this process) keeps its marker');
    assert.ok(existsSync(markerPath(git.gitDir)));
    writeFileSync(markerPath(git.gitDir), JSON.stringify({ ...marker, pid: 2 ** 22 + 12345 }));
    assert.is(await discardLeftover(git), marker.ref);
    assert.not.ok(existsSync(markerPath(git.gitDir)));
    assert.ok(await git.readRef(marker.ref));
    const live = await beginBackup(git, 'pre-commit', new Date(Date.now() + 1000));
    assert.is(await findLeftoverBackup(git.gitDir), null, 'a live hook (this process) is no leftover');
    await endBackup(git, live);
    assert.is(await git.readRef(live.ref), null);
  } finally {
    repo.cleanup();
  }
});

test('findGitDir follows a linked worktree .git file', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    const wt = `${repo.root}-wt`;
    repo.git('worktree', 'add', '-q', wt);
    mkdirSync(join(wt, 'sub'), { recursive: true });
    const dir = await findGitDir(join(wt, 'sub'));
    assert.match(dir!, /\.git\/worktrees\//);
    assert.is(await findGitDir('/'), null);
    repo.git('worktree', 'remove', '--force', wt);
  } finally {
    repo.cleanup();
  }
});

test.run();
