import type { Git } from '../adapters/git.js';
import type { CheckpointMeta } from '../domain/checkpoint.js';

/**
 * Puts HEAD back where the checkpoint saw it: on the same branch, and the branch reset to the
 * saved commit when it moved (compare-and-swap, so a ref moved by someone else meanwhile is
 * refused, not overwritten). A detached HEAD is detached at the saved commit. Returns what moved.
 */
export async function restoreHead(git: Git, meta: Pick<CheckpointMeta, 'head' | 'branch' | 'name'>): Promise<string[]> {
  const message = `br-guard: rollback to checkpoint ${meta.name}`;
  const moved: string[] = [];
  const currentBranch = await git.headRef();
  if (meta.branch) {
    if (currentBranch !== meta.branch) {
      await git.run(['symbolic-ref', '-m', message, 'HEAD', meta.branch]);
      moved.push(`HEAD → ${meta.branch}`);
    }
    const value = await git.readRef(meta.branch);
    if (meta.head && value !== meta.head) {
      await git.updateRef(meta.branch, meta.head, value, message);
      moved.push(`${meta.branch} → ${meta.head.slice(0, 12)}`);
    } else if (!meta.head && value) {
      // The checkpoint predates the first commit; the commits stay reachable from the
      // checkpoint saved just before this rollback.
      await git.deleteRef(meta.branch, value);
      moved.push(`${meta.branch} → (no commits)`);
    }
  } else if (meta.head) {
    const current = await git.headCommit();
    if (currentBranch !== null || current !== meta.head) {
      const args = ['update-ref', '--no-deref', '-m', message, 'HEAD', meta.head];
      await git.run(args);
      moved.push(`HEAD → ${meta.head.slice(0, 12)} (detached)`);
    }
  }
  return moved;
}
