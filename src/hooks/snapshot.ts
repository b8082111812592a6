import type { Git } from '../adapters/git.js';
import { snapshotTrees } from '../build/snapshot-trees.js';
import { defaultConfig } from '../config/defaults.js';

/** A stash-shaped snapshot: `commit` holds the work tree, its second parent the index. */
export interface Snapshot {
  commit: string;
  indexCommit: string;
  head: string | null;
}

/**
 * Records index and work tree as commits without touching either, through the checkpoint's
 * snapshot (a temporary GIT_INDEX_FILE seeded with the real index, its timestamp kept so git's
 * racy-file check still holds). Untracked files are saved up to the checkpoint size cap (`build.checkpoints.maxUntrackedFileBytes`): a
 * hook's fixers only rewrite staged files, so a large untracked file is never theirs to lose.
 * The same layout as `git stash`, so even plain git can read it (`git stash apply --index <commit>`).
 */
export async function createSnapshot(
  git: Git,
  message: string,
  maxUntrackedFileBytes = defaultConfig().build.checkpoints.maxUntrackedFileBytes,
): Promise<Snapshot> {
  const [head, trees] = await Promise.all([git.headCommit(), snapshotTrees(git, { maxUntrackedFileBytes })]);
  const parents = head ? ['-p', head] : [];
  const indexCommit = (
    await git.text(['commit-tree', trees.index, ...parents, '-m', `index: ${message}`], { env: fallbackIdentity() })
  ).trim();
  const commit = (
    await git.text(['commit-tree', trees.worktree, ...parents, '-p', indexCommit, '-m', message], { env: fallbackIdentity() })
  ).trim();
  return { commit, indexCommit, head };
}

/** commit-tree and notes need an identity; a repo without one must still save a backup or a record. */
export function fallbackIdentity(): NodeJS.ProcessEnv {
  return {
    GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? 'br-guard',
    GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? 'br-guard@localhost',
    GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? 'br-guard',
    GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? 'br-guard@localhost',
  };
}
