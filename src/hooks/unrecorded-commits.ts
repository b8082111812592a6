import { EMPTY_TREE, type Git } from '../adapters/git.js';
import { readCoverage, type CommitCoverage, type RecordedStage } from './commit-record.js';
import type { PushRange } from './push-ranges.js';

/** The commits a set of ranges sends, each with what its pre-commit record vouches for. */
export interface CommitsToCheck {
  coverage: CommitCoverage[];
  /** Why records could not be read (then every commit counts as unrecorded). */
  problem: string | null;
}

/** Every commit in the ranges, oldest first, once each (a first push: all the remote lacks). */
export async function listRangeCommits(git: Git, ranges: readonly PushRange[]): Promise<CommitsToCheck> {
  const seen = new Set<string>();
  const commits: string[] = [];
  for (const range of ranges) {
    const args = range.basis === 'root' ? [range.to, '--not', '--remotes'] : [`${range.from}..${range.to}`];
    const result = await git.run(['rev-list', '--reverse', '--topo-order', ...args, '--'], { allowFailure: true });
    if (result.code !== 0) continue;
    for (const commit of result.stdout.split('\n').map((l) => l.trim())) {
      if (commit && !seen.has(commit)) {
        seen.add(commit);
        commits.push(commit);
      }
    }
  }
  return readCoverage(git, commits);
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

/** The files these commits change (added or modified; deletions leave nothing to check). */
export async function filesChangedBy(git: Git, commits: readonly CommitCoverage[]): Promise<Map<string, string[]>> {
  const byFile = new Map<string, string[]>();
  for (const c of commits) {
    const parent = await git.readRef(`${c.commit}^`);
    for (const change of await git.rangeChanges(parent ?? EMPTY_TREE, c.commit)) {
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
