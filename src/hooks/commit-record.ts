import { copyFile, rm } from 'node:fs/promises';
import { EMPTY_TREE, type Git } from '../adapters/git.js';
import { commitTree, readObjects } from '../adapters/git-objects.js';
import { realIndexPath, tempIndexPath } from '../build/snapshot-trees.js';
import { readPackageVersion } from '../adapters/package-version.js';
import { fallbackIdentity } from './snapshot.js';

/**
 * What a passed pre-commit leaves behind so a later gate (pre-push, `check --range`) can tell a
 * checked commit from one made with `--no-verify`. The pre-commit runs before the commit exists,
 * so the record is a git note on the staged *tree* (which does exist: `git write-tree`), and it
 * names the tree the check diffed against (HEAD's). At push time a commit is covered when its
 * tree carries a record whose base is its first parent's tree: the same change was checked. A
 * squash (`reset --soft` + `commit --no-verify`) or an amend makes a new base, so it is re-checked.
 */
export const RECORD_REF = 'refs/notes/br-guard';
const PREFIX = 'br-guard-record v1';
/** A tree committed on many bases (cherry-picks of a revert, say) keeps only its latest records. */
const MAX_RECORDS_PER_TREE = 8;

/** The pre-commit stages a record can vouch for. */
export const RECORDED_STAGES = ['secrets', 'drift', 'quality'] as const;
export type RecordedStage = (typeof RECORDED_STAGES)[number];

export interface CommitRecord {
  /** The tree the staged change was checked against (HEAD's tree, or the empty tree). */
  base: string;
  version: string;
  stages: RecordedStage[];
}

export function formatRecord(record: CommitRecord): string {
  return `${PREFIX} base=${record.base} version=${record.version} stages=${record.stages.join(',')}`;
}

/** The records in a note; lines that are not records (hand edits, garbage) are ignored, never fatal. */
export function parseRecords(text: string): CommitRecord[] {
  const records: CommitRecord[] = [];
  for (const line of text.split('\n')) {
    const match = /^br-guard-record v1 base=([0-9a-f]{40}|[0-9a-f]{64}) version=(\S+) stages=([a-z,]*)$/.exec(line.trim());
    if (!match) continue;
    const stages = match[3]!.split(',').filter((s): s is RecordedStage => (RECORDED_STAGES as readonly string[]).includes(s));
    records.push({ base: match[1]!, version: match[2]!, stages });
  }
  return records;
}

/**
 * Records that the staged tree passed `stages` against HEAD. Never throws: a record that cannot
 * be written only means the commit is checked again at push. The tree is written through a copy
 * of the index, because during `git commit` the index git hands the hook is its own locked file.
 */
export async function writeCommitRecord(git: Git, stages: readonly RecordedStage[]): Promise<boolean> {
  try {
    const [tree, base] = await Promise.all([stagedTree(git), headTree(git)]);
    if (!tree) return false;
    const record: CommitRecord = { base, version: readPackageVersion(), stages: [...stages] };
    const existing = await git.run(['notes', `--ref=${RECORD_REF}`, 'show', tree], { allowFailure: true });
    const kept = (existing.code === 0 ? parseRecords(existing.stdout) : []).filter((r) => r.base !== base);
    const lines = [...kept.slice(-(MAX_RECORDS_PER_TREE - 1)), record].map(formatRecord);
    // One ref update (git locks refs/notes/br-guard): a kill leaves the old note or the new one.
    const written = await git.run(['notes', `--ref=${RECORD_REF}`, 'add', '-f', '-m', lines.join('\n'), tree], {
      allowFailure: true,
      env: fallbackIdentity(),
    });
    return written.code === 0;
  } catch {
    return false;
  }
}

/** HEAD's tree, or the empty tree before the first commit. */
async function headTree(git: Git): Promise<string> {
  const head = await git.headCommit();
  return (head && (await commitTree(git, head))) ?? EMPTY_TREE;
}

async function stagedTree(git: Git): Promise<string | null> {
  const temp = tempIndexPath(git, 'record');
  try {
    await copyFile(realIndexPath(git), temp);
    const result = await git.run(['write-tree'], { env: { GIT_INDEX_FILE: temp }, allowFailure: true });
    return result.code === 0 ? result.stdout.trim() || null : null;
  } finally {
    await rm(temp, { force: true });
  }
}

/** A pushed commit and what its record (if any) vouches for. */
export interface CommitCoverage {
  commit: string;
  subject: string;
  /** The stages a valid record says passed; empty when there is no record for this change. */
  recorded: RecordedStage[];
  /** The tree is its parent's (an empty or metadata-only commit): nothing to check. */
  empty: boolean;
}

/**
 * For each commit, the record that covers it. A missing or unreadable `refs/notes/br-guard`
 * means no records (every commit is checked again), said in `problem`, never thrown.
 */
export async function readCoverage(git: Git, commits: readonly string[]): Promise<{ coverage: CommitCoverage[]; problem: string | null }> {
  if (!commits.length) return { coverage: [], problem: null };
  const info = await commitTrees(git, commits);
  const parentTrees = await treesOf(git, [...new Set([...info.values()].map((c) => c.parent).filter((p): p is string => !!p))]);
  const { notes, problem } = await listNotes(git);
  const wanted = [...new Set([...info.values()].map((c) => notes.get(c.tree)).filter((n): n is string => !!n))];
  const blobs = wanted.length ? await readObjects(git, wanted) : new Map<string, Buffer | null>();
  const coverage = commits.map((commit): CommitCoverage => {
    const c = info.get(commit);
    if (!c) return { commit, subject: '', recorded: [], empty: false };
    const base = c.parent ? parentTrees.get(c.parent) : EMPTY_TREE;
    const note = notes.get(c.tree);
    const text = note ? (blobs.get(note)?.toString('utf8') ?? '') : '';
    const record = base ? parseRecords(text).find((r) => r.base === base) : undefined;
    return { commit, subject: c.subject, recorded: record?.stages ?? [], empty: !!base && base === c.tree };
  });
  return { coverage, problem };
}

async function commitTrees(
  git: Git,
  commits: readonly string[],
): Promise<Map<string, { tree: string; parent: string | null; subject: string }>> {
  const info = new Map<string, { tree: string; parent: string | null; subject: string }>();
  for (let i = 0; i < commits.length; i += 500) {
    const chunk = commits.slice(i, i + 500);
    const result = await git.run(['log', '--no-walk=unsorted', '--format=%H %T %P%x00%s', ...chunk, '--'], { allowFailure: true });
    if (result.code !== 0) continue;
    for (const line of result.stdout.split('\n')) {
      const [ids = '', subject = ''] = line.split('\0');
      const [commit, tree, parent] = ids.trim().split(' ');
      if (commit && tree) info.set(commit, { tree, parent: parent ?? null, subject });
    }
  }
  return info;
}

async function treesOf(git: Git, commits: readonly string[]): Promise<Map<string, string>> {
  const trees = new Map<string, string>();
  if (!commits.length) return trees;
  // A parent beyond a shallow boundary is missing: its child then has no base and is re-checked.
  const result = await git.run(['cat-file', '--batch-check=%(objectname)'], {
    input: commits.map((c) => `${c}^{tree}\n`).join(''),
    allowFailure: true,
  });
  const lines = result.stdout.split('\n');
  commits.forEach((commit, index) => {
    const line = lines[index]?.trim() ?? '';
    if (/^[0-9a-f]{40,64}$/.test(line)) trees.set(commit, line);
  });
  return trees;
}

/** Annotated object → note blob, from one `git notes list`. */
async function listNotes(git: Git): Promise<{ notes: Map<string, string>; problem: string | null }> {
  const notes = new Map<string, string>();
  if (!(await git.readRef(RECORD_REF))) return { notes, problem: null };
  const result = await git.run(['notes', `--ref=${RECORD_REF}`, 'list'], { allowFailure: true });
  if (result.code !== 0) {
    return {
      notes,
      problem: `${RECORD_REF} cannot be read (${result.stderr.trim().split('\n')[0] ?? 'git notes failed'}); every commit is checked again`,
    };
  }
  for (const line of result.stdout.split('\n')) {
    const [blob, object] = line.trim().split(' ');
    if (blob && object) notes.set(object, blob);
  }
  return { notes, problem: null };
}
