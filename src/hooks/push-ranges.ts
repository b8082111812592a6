import { EMPTY_TREE, type Git } from '../adapters/git.js';
import type { PushUpdate } from './pre-push-input.js';

/** A range of commits a push sends, ready for `drift check --range from..to`. */
export interface PushRange {
  remoteRef: string;
  from: string;
  to: string;
  /** How `from` was chosen, said in the output. */
  basis: 'remote' | 'merge-base' | 'root';
}

export interface SkippedPush {
  remoteRef: string;
  reason: string;
}

/**
 * Turns the pushed refs into commit ranges. An update checks what the remote does not have yet;
 * a new branch checks from its merge base with the remote's default branch (so a branch off
 * `main` is judged on its own commits); deletions and tags send no code to check.
 */
export async function resolvePushRanges(
  git: Git,
  remote: string,
  updates: readonly PushUpdate[],
): Promise<{ ranges: PushRange[]; skipped: SkippedPush[] }> {
  const ranges: PushRange[] = [];
  const skipped: SkippedPush[] = [];
  for (const update of updates) {
    if (update.kind === 'delete') {
      skipped.push({ remoteRef: update.remoteRef, reason: 'deletion' });
    } else if (update.remoteRef.startsWith('refs/tags/')) {
      skipped.push({ remoteRef: update.remoteRef, reason: 'tag' });
    } else if (update.kind === 'update' && (await hasCommit(git, update.remoteSha))) {
      if (update.remoteSha !== update.localSha) {
        ranges.push({ remoteRef: update.remoteRef, from: update.remoteSha, to: update.localSha, basis: 'remote' });
      } else {
        skipped.push({ remoteRef: update.remoteRef, reason: 'already up to date' });
      }
    } else {
      const base = await mergeBaseWithDefault(git, remote, update.localSha);
      ranges.push(
        base
          ? { remoteRef: update.remoteRef, from: base, to: update.localSha, basis: 'merge-base' }
          : { remoteRef: update.remoteRef, from: EMPTY_TREE, to: update.localSha, basis: 'root' },
      );
    }
  }
  return { ranges, skipped };
}

async function hasCommit(git: Git, sha: string): Promise<boolean> {
  const result = await git.run(['cat-file', '-e', `${sha}^{commit}`], { allowFailure: true });
  return result.code === 0;
}

/** The remote's default branch: `refs/remotes/<remote>/HEAD`, else its main or master. */
export async function remoteDefaultBranch(git: Git, remote: string): Promise<string | null> {
  const candidates = [`refs/remotes/${remote}/HEAD`, `refs/remotes/${remote}/main`, `refs/remotes/${remote}/master`];
  for (const ref of candidates) {
    const commit = await git.readRef(`${ref}^{commit}`);
    if (commit) return commit;
  }
  return null;
}

async function mergeBaseWithDefault(git: Git, remote: string, sha: string): Promise<string | null> {
  const target = await remoteDefaultBranch(git, remote);
  if (!target) return null;
  const result = await git.run(['merge-base', target, sha], { allowFailure: true });
  return result.code === 0 ? result.stdout.trim() || null : null;
}
