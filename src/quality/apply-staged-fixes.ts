import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../adapters/git.js';
import { writeFileAtomic } from '../adapters/file-system.js';
import { readBlobs } from '../adapters/git-objects.js';
import { listStagedEntries } from '../adapters/git-index.js';
import type { IndexWriteGuard, TextFixer, WorktreeWriter } from './types.js';

/** File names are names, never glob patterns. */
const literal = { env: { GIT_LITERAL_PATHSPECS: '1' } };

/** What happened to one staged file. */
export interface StagedFixResult {
  path: string;
  /** True when the fixed content was written to the index. */
  indexUpdated: boolean;
  /**
   * `fixed`: the work tree got the fix; `unchanged`: nothing to do; `left-alone`: the work tree was
   * not touched (see note); `conflict`: the fix and an unstaged edit touch the same lines.
   */
  worktree: 'fixed' | 'unchanged' | 'left-alone' | 'conflict';
  note: string | null;
}

/** How the work tree follows a fix of the staged content, decided before anything is written. */
type WorktreePlan =
  { kind: 'write'; text: string; from: Buffer; note: string | null } | { kind: 'keep'; worktree: 'unchanged' | 'left-alone'; note: string };

/** Staged files with their fixed text, computed but not yet written. */
export interface StagedFixes {
  /** Files whose fixed text differs from the staged text, each with what its work tree gets. */
  updates: Array<{ path: string; mode: string; text: string; stagedText: string; worktree: WorktreePlan }>;
  /** The text each fixable file will have in the index (fixed or unchanged). */
  texts: Map<string, string>;
  /** Files the fixer could not handle. */
  failures: StagedFixResult[];
  /**
   * Partially staged files whose fix and unstaged edit touch the same lines. When there is one,
   * nothing is written at all (the index and the work tree stay exactly as they are).
   */
  conflicts: string[];
}

/**
 * Applies `fix` to staged files, index-native, without losing work (see docs/hooks.md):
 * 1. the STAGED blobs are fixed in memory;
 * 2. each fix is carried into its work tree file: as is when the file equals its staged content,
 *    else by a three-way merge with the unstaged edit (`git merge-file`, base = the staged text);
 *    when any merge conflicts, nothing is written and the conflicts are returned;
 * 3. the fixed blobs are written and staged with one `update-index --index-info` (git takes
 *    index.lock; modes are kept), then the work tree files are written.
 * The work tree never holds anything but the user's own bytes or their fixed version: no hidden
 * state while checks run, nothing stashed, reset or checked out.
 */
export async function applyStagedFixes(git: Git, paths: string[], fix: TextFixer): Promise<StagedFixResult[]> {
  return writeStagedFixes(git, await computeStagedFixes(git, paths, fix));
}

/**
 * Steps 1 and 2 of `applyStagedFixes`: the fixed texts and the work tree plan, nothing written.
 * `onFixFound` hears of each file whose fix changes it the moment that fix is known.
 */
export async function computeStagedFixes(git: Git, paths: string[], fix: TextFixer, onFixFound?: () => void): Promise<StagedFixes> {
  const entries = await listStagedEntries(git, paths);
  const blobs = await readBlobs(
    git,
    [...entries.values()].map((entry) => entry.blob),
  );
  const fixes: StagedFixes = { updates: [], texts: new Map(), failures: [], conflicts: [] };
  // All files at once: a fixer's awaits (config lookups, the lint worker) overlap other files' work.
  const outcomes = await Promise.all(
    paths.map(async (path) => {
      const entry = entries.get(path);
      const staged = entry ? blobs.get(entry.blob) : undefined;
      // Symlinks and submodules hold no source; binary files are not ours to rewrite.
      if (!entry || !staged || staged.includes(0) || entry.mode === '120000' || entry.mode === '160000') return null;
      const stagedText = staged.toString('utf8');
      try {
        const text = await fix(path, stagedText);
        if (text !== stagedText) onFixFound?.();
        return { path, mode: entry.mode, stagedText, stagedBytes: staged, text, error: null };
      } catch (error) {
        return { path, mode: entry.mode, stagedText, stagedBytes: staged, text: stagedText, error };
      }
    }),
  );
  const changed: Array<{ path: string; mode: string; text: string; stagedText: string; stagedBytes: Buffer }> = [];
  for (const outcome of outcomes) {
    if (!outcome) continue;
    fixes.texts.set(outcome.path, outcome.text);
    if (outcome.error)
      fixes.failures.push({
        path: outcome.path,
        indexUpdated: false,
        worktree: 'unchanged',
        note: `not fixed: ${firstLine(outcome.error)}`,
      });
    else if (outcome.text !== outcome.stagedText) changed.push(outcome);
  }
  if (!changed.length) return fixes;
  const worktrees = await Promise.all(changed.map((update) => readFile(git.absolutePath(update.path)).catch(() => null)));
  // A work tree file with exactly the staged bytes is not partially staged; only the others are
  // asked of git (which also applies clean filters and line-ending rules): usually none at all.
  const unsure = changed.filter((update, i) => worktrees[i] && !worktrees[i]!.equals(update.stagedBytes)).map((update) => update.path);
  const partial = unsure.length ? await partiallyStaged(git, unsure) : new Set<string>();
  const plans = await Promise.all(changed.map((update, i) => planWorktree(git, update, worktrees[i] ?? null, partial.has(update.path))));
  changed.forEach(({ path, mode, text, stagedText }, i) => {
    const plan = plans[i] as WorktreePlan | 'conflict';
    if (plan === 'conflict') fixes.conflicts.push(path);
    else fixes.updates.push({ path, mode, text, stagedText, worktree: plan });
  });
  if (fixes.conflicts.length) {
    // Nothing is written: the checks judge the staged content as it is.
    for (const update of changed) fixes.texts.set(update.path, update.stagedText);
    fixes.updates = [];
  }
  return fixes;
}

/**
 * Step 3 of `applyStagedFixes`: stages the fixed texts, then writes the planned work tree files.
 * `writeIndex` wraps the one command that writes the index (the pre-commit's undo log records it);
 * `onIndexed` is called once it has.
 */
export async function writeStagedFixes(
  git: Git,
  fixes: StagedFixes,
  writeWorktree: WorktreeWriter = writePreservingMode,
  writeIndex: IndexWriteGuard = (write) => write(),
  onIndexed: () => void = () => undefined,
): Promise<StagedFixResult[]> {
  const results = [...fixes.failures];
  for (const path of fixes.conflicts)
    results.push({
      path,
      indexUpdated: false,
      worktree: 'conflict',
      note: 'not fixed: the fix and the unstaged edits touch the same lines; nothing was changed (stage or stash those edits)',
    });
  const { updates } = fixes;
  if (!updates.length) return results;
  const written = await writeBlobs(
    git,
    updates.map((update) => update.text),
  );
  const info = updates.map((update, i) => `${update.mode} ${(written[i] ?? '').trim()}\t${update.path}`).join('\0');
  await writeIndex(() => git.run(['update-index', '-z', '--index-info'], { input: `${info}\0` }));
  // What reads the index next (the lines the change touches) need not wait for the work tree.
  onIndexed();
  for (const update of updates) {
    results.push({ path: update.path, indexUpdated: true, ...(await carryToWorktree(git, update.path, update.worktree, writeWorktree)) });
  }
  return results;
}

/** Which of `paths` have unstaged edits, as git sees them (through the repo's filters: a CRLF checkout is no edit). */
async function partiallyStaged(git: Git, paths: string[]): Promise<Set<string>> {
  const out = await git.text(['diff', '--name-only', '-z', '--no-ext-diff', '--', ...paths], literal);
  return new Set(out.split('\0').filter(Boolean));
}

async function planWorktree(
  git: Git,
  update: { path: string; text: string; stagedText: string },
  from: Buffer | null,
  partial: boolean,
): Promise<WorktreePlan | 'conflict'> {
  if (!from) return { kind: 'keep', worktree: 'left-alone', note: 'the file is missing from the work tree' };
  if (!partial) return { kind: 'write', text: update.text, from, note: null };
  const merged = await mergeFile(git, from, Buffer.from(update.stagedText), Buffer.from(update.text));
  if (merged === null) return 'conflict';
  if (merged.equals(from)) return { kind: 'keep', worktree: 'unchanged', note: 'partially staged: the unstaged version needs no fix' };
  return { kind: 'write', text: merged.toString('utf8'), from, note: 'partially staged: the fix was merged into the unstaged edits' };
}

async function carryToWorktree(
  git: Git,
  path: string,
  plan: WorktreePlan,
  writeWorktree: WorktreeWriter,
): Promise<Pick<StagedFixResult, 'worktree' | 'note'>> {
  if (plan.kind === 'keep') return { worktree: plan.worktree, note: plan.note };
  const absolute = git.absolutePath(path);
  // An editor may have saved meanwhile: never overwrite what we did not plan from.
  const now = await readFile(absolute).catch(() => null);
  if (!now?.equals(plan.from))
    return { worktree: 'left-alone', note: 'the file changed while it was being fixed; the work tree was not touched' };
  await writeWorktree(absolute, plan.text);
  return { worktree: 'fixed', note: plan.note };
}

/** Three-way merge of the unstaged edit (ours) and the fix (theirs) over the staged base; null on conflict. */
async function mergeFile(git: Git, ours: Buffer, base: Buffer, theirs: Buffer): Promise<Buffer | null> {
  const dir = await mkdtemp(join(git.gitDir, 'br-guard-merge-'));
  try {
    const paths = ['ours', 'base', 'theirs'].map((name) => join(dir, name));
    await Promise.all([writeFile(paths[0]!, ours), writeFile(paths[1]!, base), writeFile(paths[2]!, theirs)]);
    const result = await git.run(['merge-file', '-p', '-q', ...paths], { allowFailure: true, binary: true });
    return result.code === 0 ? result.stdoutBuffer : null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Writes texts as blobs with one `git hash-object` for all (a process per file costs more than
 * the hashing): each text goes to a temporary file in the git dir, hashed without filters, the
 * same bytes `hash-object --stdin` would store.
 */
async function writeBlobs(git: Git, texts: string[]): Promise<string[]> {
  const dir = await mkdtemp(join(git.gitDir, 'br-guard-blobs-'));
  try {
    const files = texts.map((_, i) => join(dir, String(i)));
    await Promise.all(texts.map((text, i) => writeFile(files[i]!, text)));
    const out = await git.text(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: `${files.join('\n')}\n` });
    return out.trim().split('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes atomically, then restores the file's permission bits (an atomic rename would drop +x). */
export async function writePreservingMode(absolute: string, text: string): Promise<void> {
  const { mode } = await stat(absolute);
  await writeFileAtomic(absolute, text);
  await chmod(absolute, mode & 0o7777);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error';
}
