import { open, rename, rm } from 'node:fs/promises';
import { UserError } from '../domain/errors.js';
import type { Git } from '../adapters/git.js';
import { copyIndexKeepingTime } from '../adapters/index-timestamp.js';
import { realIndexPath, tempIndexPath } from './snapshot-trees.js';

export interface IndexLock {
  /** Replaces the index with the given tree (then the lock is released). */
  replace: (tree: string) => Promise<void>;
  release: () => Promise<void>;
}

/**
 * Takes git's own index lock: `index.lock` is created exclusively, so no git process touches the
 * index until it is released. Throws a one-line error when another process holds it.
 */
export async function lockIndex(git: Git): Promise<IndexLock> {
  const index = realIndexPath(git);
  const lock = `${index}.lock`;
  try {
    await (await open(lock, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`${lock} exists: another git process is running (or crashed); remove the file if none is`);
    }
    throw error;
  }
  const release = () => rm(lock, { force: true });
  return {
    release,
    replace: async (tree) => {
      try {
        await replaceIndex(git, index, tree);
      } finally {
        await release();
      }
    },
  };
}

/**
 * Builds the new index in a temporary file beside the index and renames it over the index,
 * while the lock is held. Entries whose content is unchanged keep their stat data (a one-tree
 * `read-tree --reset`), so the next `git status` does not rehash every file.
 */
async function replaceIndex(git: Git, index: string, tree: string): Promise<void> {
  const temp = tempIndexPath(git, 'index');
  try {
    const env = { GIT_INDEX_FILE: temp };
    // The copy keeps the index's mtime: the work tree was just rewritten, and git's racy-entry
    // check (relative to that mtime) is what makes it re-read files whose stat data we keep.
    const seeded = await copyIndexKeepingTime(index, temp).catch(() => false);
    // `--reset` is the one-tree merge that keeps stat data of unchanged entries without `-m`'s
    // up-to-date checks (staged-but-changed files make `-m` refuse) and drops conflict stages.
    const merged = seeded ? await git.run(['read-tree', '--reset', tree], { env, allowFailure: true }) : null;
    if (!merged || merged.code !== 0) {
      // No index yet (or one git cannot read): a plain read.
      await rm(temp, { force: true });
      await git.run(['read-tree', tree], { env });
    }
    await rename(temp, index);
  } finally {
    await rm(temp, { force: true });
  }
}
