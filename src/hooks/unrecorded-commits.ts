import { commitChanges } from '../adapters/commit-changes.js';
import type { Git } from '../adapters/git.js';
import { readCoverage, type CommitCoverage, type RecordedStage } from './commit-record.js';
import type { PushRange } from './push-ranges.js';

/** The commits a set of ranges sends, each with what its pre-commit record vouches for. */
export interface CommitsToCheck {
  coverage: CommitCoverage[];
  /** Why records could not be read (then every commit counts as unrecorded). */
  problem: string | null;
  /** The tip of the (first) pushed range each commit is in: the content the push sends. */
  tips: Map<string, string>;
}

/** Every commit in the ranges, oldest first, once each (a first push: all the remote lacks). */
export async function listRangeCommits(git: Git, ranges: readonly PushRange[]): Promise<CommitsToCheck> {
  const tips = new Map<string, string>();
  const commits: string[] = [];
  for (const range of ranges) {
    const args = range.basis === 'root' ? [range.to, '--not', '--remotes'] : [`${range.from}..${range.to}`];
    const result = await git.run(['rev-list', '--reverse', '--topo-order', ...args, '--'], { allowFailure: true });
    if (result.code !== 0) continue;
    for (const commit of result.stdout.split('\n').map((l) => l.trim())) {
      if (commit && !tips.has(commit)) {
        tips.set(commit, range.to);
        commits.push(commit);
      }
    }
  }
  return { ...(await readCoverage(git, commits)), tips };
}

/** The commits whose record does not vouch for `stage` (no record, another base, or the stage was skipped). */
export function needing(coverage: readonly CommitCoverage[], stage: RecordedStage): CommitCoverage[] {
  return coverage.filter((c) => !c.empty && !c.recorded.includes(stage));
}

/** `abc12345 "subject"`, how a commit is named in hook output. */
export function nameCommit(c: Pick<CommitCoverage, 'commit' | 'subject'>): string {
  const subject = c.subject.length > 60 ? `${c.subject.slice(0, 57)}...` : c.subject;
  return subject ? `${c.commit.slice(0, 8)} "${subject}"` : c.commit.slice(0, 8);
}

/**
 * The files these commits change, each with the commits that change it (added or modified:
 * deletions leave nothing to check). One `git log` for all the commits.
 */
export async function filesChangedBy(git: Git, commits: readonly Pick<CommitCoverage, 'commit'>[]): Promise<Map<string, string[]>> {
  const byFile = new Map<string, string[]>();
  const changes = await commitChanges(
    git,
    commits.map((c) => c.commit),
  );
  for (const c of commits) {
    for (const change of changes.get(c.commit) ?? []) {
      if (change.status === 'D') continue;
      const list = byFile.get(change.path) ?? [];
      list.push(c.commit);
      byFile.set(change.path, list);
    }
  }
  return byFile;
}

/** One line for the hook's notes: how many commits carry a record and which are checked again. */
export function describeCoverage(checked: CommitsToCheck): string[] {
  const lines: string[] = [];
  if (checked.problem) lines.push(`br-guard: ${checked.problem}`);
  const total = checked.coverage.filter((c) => !c.empty).length;
  const unrecorded = checked.coverage.filter((c) => !c.empty && !c.recorded.length);
  if (!total) return lines;
  if (!unrecorded.length) {
    lines.push(`br-guard: all ${total} pushed commit(s) passed the pre-commit checks when made (br-guard record); not checked again`);
  } else {
    const names = unrecorded.slice(0, 5).map(nameCommit).join(', ');
    const more = unrecorded.length > 5 ? ` and ${unrecorded.length - 5} more` : '';
    lines.push(
      `br-guard: ${unrecorded.length} of ${total} pushed commit(s) have no pre-commit record (made with --no-verify, BR_GUARD=0, or amended): checking ${names}${more}`,
    );
  }
  return lines;
}
