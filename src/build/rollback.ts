import { UserError } from '../domain/errors.js';
import type { Git } from '../adapters/git.js';
import { isProcessAlive, readBuildState, removeBuildState, writeBuildState } from './build-state.js';
import { saveCheckpoint } from './create-checkpoint.js';
import { readCheckpoint } from './list-checkpoints.js';
import { restoreHead } from './restore-head.js';
import { lockIndex } from './restore-index.js';
import { restoreWorkTree } from './restore-work-tree.js';

export interface RollbackOptions {
  maxUntrackedFileBytes: number;
  keepAutomatic: number;
  /** Called with the safety checkpoint's name as soon as it exists, before anything changes. */
  onSaved?: (name: string) => void;
}

export interface RollbackResult {
  target: string;
  /** The checkpoint saved just before, which undoes this rollback. */
  saved: string;
  headMoves: string[];
  written: number;
  removed: number;
  /** Untracked files the target left out for their size, which it cannot restore. */
  skipped: Array<{ path: string; bytes: number }>;
}

/**
 * Restores HEAD, the work tree, the index and the build state saved in a checkpoint, after
 * saving the current state as a new checkpoint so the rollback itself can be rolled back.
 */
export async function rollback(git: Git, name: string, options: RollbackOptions): Promise<RollbackResult> {
  const target = await readCheckpoint(git, name);
  const operation = await git.operationInProgress();
  if (operation) throw new UserError(`a ${operation} is in progress: finish or abort it before rolling back`);
  const current = await readBuildState(git.root);
  if (current?.state === 'running' && current.pid !== process.pid && isProcessAlive(current.pid, current.pidStartTime)) {
    throw new UserError(`a build is running (pid ${current.pid}); wait for it or stop it before rolling back`);
  }
  const saved = await saveCheckpoint(git, {
    auto: true,
    namePrefix: 'pre-rollback',
    message: `before rollback to ${name}`,
    state: (own) => (current ? { ...current, lastCheckpoint: own } : null),
    maxUntrackedFileBytes: options.maxUntrackedFileBytes,
    keepAutomatic: options.keepAutomatic,
    protect: [name],
  });
  options.onSaved?.(saved.name);
  // The index lock is taken before anything changes, so a busy repository is refused untouched.
  const lock = await lockIndex(git);
  let headMoves: string[];
  let written: number;
  let removed: number;
  try {
    headMoves = await restoreHead(git, target.meta);
    ({ written, removed } = await restoreWorkTree(git, saved.worktree, target.worktree));
  } catch (error) {
    await lock.release();
    throw error;
  }
  // An index that already holds the saved tree is left alone (its stat data stays valid).
  if (saved.index === target.index) await lock.release();
  else await lock.replace(target.index);
  if (target.state) await writeBuildState(git.root, { ...target.state, pid: null, pidStartTime: null });
  else await removeBuildState(git.root);
  return { target: name, saved: saved.name, headMoves, written, removed, skipped: target.meta.skipped };
}
