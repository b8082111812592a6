/**
 * The checkpoint model. A checkpoint is one commit, pointed to by
 * `refs/buildrunner/checkpoints/NAME`, whose tree holds:
 *   worktree/   the work tree: tracked files plus untracked files that are not ignored
 *   index/      the index as it was (what was staged)
 *   state.json  the build state, when a build existed
 *   meta.json   `CheckpointMeta`
 * Its parent is HEAD at the time, so the saved commit stays reachable while the ref exists.
 */

export const CHECKPOINT_REF_PREFIX = 'refs/buildrunner/checkpoints/';

/** What `meta.json` of a checkpoint commit holds. */
export interface CheckpointMeta {
  version: 1;
  name: string;
  message: string;
  /** Made by br-guard (after a batch, before a rollback) rather than by a person. */
  auto: boolean;
  createdAt: string;
  /** The commit HEAD pointed at, or null in a repository without commits. */
  head: string | null;
  /** The branch HEAD was on (`refs/heads/x`), or null when detached. */
  branch: string | null;
  /** Untracked files left out because they were over the size cap. */
  skipped: Array<{ path: string; bytes: number }>;
}

/** One line of `build checkpoints --json`. */
export interface CheckpointSummary {
  name: string;
  commit: string;
  createdAt: string;
  message: string;
  auto: boolean;
}

/**
 * Why NAME cannot be a checkpoint name, or null when it can. Stricter than git's ref rules so
 * that names stay easy to type and never need quoting.
 */
export function checkpointNameProblem(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (name.length > 200) return 'the name is longer than 200 characters';
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(name)) {
    return 'use letters, digits, ".", "_", "-" and "/", starting with a letter or digit';
  }
  if (name.includes('..') || name.includes('//') || name.endsWith('/') || name.endsWith('.')) {
    return 'the name may not contain ".." or "//" nor end with "/" or "."';
  }
  if (name.split('/').some((part) => part.endsWith('.lock') || part.startsWith('.'))) {
    return 'no part of the name may start with "." or end with ".lock"';
  }
  return null;
}
