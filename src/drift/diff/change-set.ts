import type { Git } from '../../adapters/git.js';
import { parseRawDiffZ, type RawDiffRecord } from '../../adapters/git-output.js';
import { StagedSnapshot } from '../../adapters/staged-snapshot.js';
import { UsageError } from '../../domain/errors.js';
import { manifestParser } from '../deps/parse-dependencies.js';
import { sourceLanguage } from '../imports/source-language.js';
import type { DriftScope } from '../types.js';
import { blobSnapshot, commitSnapshot, indexSnapshot, worktreeSnapshot, type Snapshot } from './snapshot.js';

/** A file the change touches. `from` is the old path of a rename. */
export interface FileChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  path: string;
  from?: string;
}

/** Both sides of a change and the list of files it touches. */
export interface ChangeSet {
  scope: DriftScope;
  before: Snapshot;
  after: Snapshot;
  changes: FileChange[];
  /** The unified diff of the given paths between the two sides (empty for whole-tree checks). */
  diffOf: (paths: readonly string[]) => Promise<string>;
}

/**
 * Builds the change set of a scope. Staged: the index against HEAD (or the empty tree before the
 * first commit). Range: `from` against `to` (`A...B` compares from their merge base). All: the
 * work tree against nothing, so every file counts as new. The raw diff carries both blob ids, so
 * the before side needs no tree listing: only the files the change touches are ever read there.
 */
export async function collectChanges(git: Git, scope: DriftScope): Promise<ChangeSet> {
  if (scope.kind === 'staged') {
    const staged = scope.snapshot ?? (await StagedSnapshot.take(git));
    const raw = fileChanges(staged.records);
    return {
      scope,
      before: blobSnapshot(git, raw.before),
      after: indexSnapshot(staged),
      changes: raw.changes,
      diffOf: (paths) => git.stagedDiff(paths),
    };
  }
  if (scope.kind === 'range') {
    const [from, to] = await Promise.all([git.resolveCommit(scope.from), git.resolveCommit(scope.to)]);
    const raw = fileChanges(
      parseRawDiffZ(await git.text(['diff-tree', '-r', '-z', '--raw', '--no-abbrev', '-M', '--no-ext-diff', from, to, '--'])),
    );
    return {
      scope,
      before: blobSnapshot(git, raw.before),
      after: commitSnapshot(git, to),
      changes: raw.changes,
      diffOf: (paths) => git.rangeDiff(from, to, paths),
    };
  }
  const after = worktreeSnapshot(
    git,
    (path) => sourceLanguage(path) !== null || manifestParser(path) !== null || /(^|\/)tsconfig[^/]*\.json$/.test(path),
  );
  const changes: FileChange[] = [...(await after.files()).keys()].sort().map((path) => ({ status: 'added', path }));
  return { scope, before: blobSnapshot(git, new Map()), after, changes, diffOf: async () => '' };
}

/**
 * A raw diff's records as drift's changes, and the old blob of every path that existed before.
 * Submodules (mode 160000) hold no files of ours and are skipped.
 */
export function fileChanges(records: readonly RawDiffRecord[]): { changes: FileChange[]; before: Map<string, string> } {
  const changes: FileChange[] = [];
  const before = new Map<string, string>();
  for (const record of records) {
    if (record.oldMode === '160000' || record.newMode === '160000') continue;
    const old = record.from ?? record.path;
    if (record.status === 'A' || record.status === 'C') {
      changes.push({ status: 'added', path: record.path });
      if (record.status === 'C') before.set(old, record.oldBlob);
    } else {
      before.set(old, record.oldBlob);
      if (record.status === 'D') changes.push({ status: 'deleted', path: record.path });
      else if (record.status === 'R') changes.push({ status: 'renamed', path: record.path, from: old });
      else changes.push({ status: 'modified', path: record.path });
    }
  }
  return { changes, before };
}

/**
 * Parses `A..B` or `A...B` (the latter compares B with the merge base of A and B, like `git diff
 * A...B`). A missing side means HEAD, as in git.
 */
export async function parseRange(git: Git, range: string): Promise<{ kind: 'range'; from: string; to: string }> {
  const match = /^(.*?)(\.{2,3})(.*)$/.exec(range);
  if (!match || (!match[1] && !match[3])) throw new UsageError(`--range expects A..B or A...B, got "${range}"`);
  const left = match[1] || 'HEAD';
  const right = match[3] || 'HEAD';
  if (match[2] === '...') {
    const [a, b] = await Promise.all([git.resolveCommit(left), git.resolveCommit(right)]);
    const base = await git.run(['merge-base', a, b], { allowFailure: true });
    if (base.code !== 0) throw new UsageError(`--range ${range}: ${left} and ${right} have no common ancestor`);
    return { kind: 'range', from: base.stdout.trim(), to: b };
  }
  // Resolve now, so a bad ref fails before anything else is loaded.
  await Promise.all([git.resolveCommit(left), git.resolveCommit(right)]);
  return { kind: 'range', from: left, to: right };
}
