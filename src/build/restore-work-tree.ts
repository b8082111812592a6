import { lstat, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../domain/errors.js';
import type { Git } from '../adapters/git.js';
import { isRuntimePath, tempIndexPath } from './snapshot-trees.js';
import { parseRawDiffZ } from '../adapters/git-output.js';

export interface TreeChange {
  status: string;
  path: string;
  /** Mode and blob id of the target side. */
  mode: string;
  blob: string;
}

const GITLINK = '160000';

/**
 * Turns the work tree described by `from` (a snapshot taken just before) into `to`, byte for
 * byte: files only `from` has are removed, files that differ are written from their blobs
 * through a temporary index and `git checkout-index` (modes and symlinks included). Files in
 * neither tree (ignored ones) are never touched, and nothing is cleaned wholesale.
 */
export async function restoreWorkTree(git: Git, from: string, to: string): Promise<{ written: number; removed: number }> {
  const diff = await git.text(['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-abbrev', from, to]);
  const changes = parseRawDiffZ(diff)
    .map((record) => ({ status: record.status, path: record.path, mode: record.newMode, blob: record.newBlob }))
    .filter((change) => !isRuntimePath(change.path));
  const removals = changes.filter((change) => change.status === 'D' && change.mode !== GITLINK);
  const writes = changes.filter((change) => change.status !== 'D' && change.mode !== GITLINK);
  for (const change of removals) await removeFile(git.absolutePath(change.path));
  await pruneEmptyParents(
    git,
    removals.map((change) => change.path),
  );
  await refuseWhatIsInTheWay(git, writes);
  if (writes.length > 0) await checkoutEntries(git, writes);
  return { written: writes.length, removed: removals.length };
}

async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Removes folders that removing files left empty (deepest first); a folder with anything left stays. */
async function pruneEmptyParents(git: Git, paths: string[]): Promise<void> {
  const dirs = new Set<string>();
  for (const path of paths) {
    for (let dir = dirname(path); dir !== '.' && dir !== '/'; dir = dirname(dir)) dirs.add(dir);
  }
  const deepestFirst = [...dirs].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const dir of deepestFirst) {
    try {
      await rmdir(git.absolutePath(dir));
    } catch {
      // Not empty (or gone): keep it.
    }
  }
}

/**
 * `checkout-index -f` would delete a folder (or a file) standing where a restored file or its
 * parent folder goes. What still stands there after the removals is not in the snapshot just
 * saved (an ignored file, or an untracked one over the size cap), so refuse rather than lose it.
 */
async function refuseWhatIsInTheWay(git: Git, writes: TreeChange[]): Promise<void> {
  const checked = new Set<string>();
  for (const { path, status } of writes) {
    const info = await lstat(git.absolutePath(path)).catch(() => null);
    if (info?.isDirectory()) throw inTheWay(path, 'a folder');
    // A file the saved snapshot does not have, yet it exists: only an unsaved file can be there.
    if (info && status === 'A') throw inTheWay(path, 'a file');
    for (let dir = dirname(path); dir !== '.' && !checked.has(dir); dir = dirname(dir)) {
      checked.add(dir);
      const parent = await lstat(git.absolutePath(dir)).catch(() => null);
      if (parent && !parent.isDirectory()) throw inTheWay(dir, 'a file');
    }
  }
}

function inTheWay(path: string, what: string): UserError {
  return new UserError(
    `cannot restore ${path}: ${what} that is not in the checkpoint (ignored?) is in the way; move it and roll back again`,
  );
}

/** Writes the given entries through a temporary index holding only them. */
async function checkoutEntries(git: Git, entries: TreeChange[]): Promise<void> {
  const temp = tempIndexPath(git, 'restore');
  const env = { GIT_INDEX_FILE: temp };
  try {
    const info = entries.map((entry) => `${entry.mode} ${entry.blob}\t${entry.path}\0`).join('');
    await git.run(['update-index', '-z', '--index-info'], { env, input: info });
    await git.run(['checkout-index', '-a', '-f'], { env });
  } finally {
    await rm(temp, { force: true });
  }
}
