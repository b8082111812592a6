import { copyFile, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Git } from '../adapters/git.js';

/** A stash-shaped snapshot: `commit` holds the work tree, its second parent the index. */
export interface Snapshot {
  commit: string;
  indexCommit: string;
  head: string | null;
}

/** The index file git uses right now (honours GIT_INDEX_FILE, which `git commit -a` sets for hooks). */
export async function currentIndexPath(git: Git): Promise<string> {
  const path = (await git.text(['rev-parse', '--git-path', 'index'])).trim();
  return isAbsolute(path) ? path : join(git.root, path);
}

/**
 * Records index and work tree as commits without touching either: both trees are written from
 * a temporary copy of the index (GIT_INDEX_FILE), the work tree one after `add -A` there, so
 * untracked (not ignored) files are saved too. The same layout as `git stash`, so even plain
 * git can read it (`git stash apply --index <commit>`).
 */
export async function createSnapshot(git: Git, message: string): Promise<Snapshot> {
  const head = await git.headCommit();
  const indexPath = await currentIndexPath(git);
  const temp = join(git.gitDir, `br-guard-snapshot-${process.pid}-${Date.now()}.index`);
  try {
    await copyFile(indexPath, temp).catch((error: NodeJS.ErrnoException) => {
      // No index yet (fresh repo): an empty temporary index is the truth.
      if (error.code !== 'ENOENT') throw error;
    });
    const env = { GIT_INDEX_FILE: temp };
    const indexTree = (await git.text(['write-tree'], { env })).trim();
    await git.run(['add', '-A', '--', '.'], { env });
    const workTree = (await git.text(['write-tree'], { env })).trim();
    const parents = head ? ['-p', head] : [];
    const indexCommit = (await git.text(['commit-tree', indexTree, ...parents, '-m', `index: ${message}`], { env: identity() })).trim();
    const commit = (await git.text(['commit-tree', workTree, ...parents, '-p', indexCommit, '-m', message], { env: identity() })).trim();
    return { commit, indexCommit, head };
  } finally {
    await rm(temp, { force: true });
  }
}

/** commit-tree needs an identity; a repo without one must still be able to save a backup. */
function identity(): NodeJS.ProcessEnv {
  return {
    GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? 'br-guard',
    GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? 'br-guard@localhost',
    GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? 'br-guard',
    GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? 'br-guard@localhost',
  };
}
