import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../adapters/git.js';
import { writeFileAtomic } from '../adapters/file-system.js';
import { readBlobs } from '../adapters/git-objects.js';
import { listStagedEntries } from '../adapters/git-index.js';
import type { TextFixer, WorktreeWriter } from './types.js';

/** What happened to one staged file. */
export interface StagedFixResult {
  path: string;
  /** True when the fixed content was written to the index. */
  indexUpdated: boolean;
  /** `fixed`: written; `unchanged`: nothing to do; `left-alone`: could not be fixed cleanly (see note). */
  worktree: 'fixed' | 'unchanged' | 'left-alone';
  note: string | null;
}

/** Staged files with their fixed text, computed but not yet written. */
export interface StagedFixes {
  /** Files whose fixed text differs from the staged text. */
  updates: Array<{ path: string; mode: string; text: string; stagedText: string }>;
  /** The text each fixable file will have in the index (fixed or unchanged). */
  texts: Map<string, string>;
  /** Files the fixer could not handle. */
  failures: StagedFixResult[];
}

/**
 * Applies `fix` to staged files without losing work:
 * - the STAGED content is fixed and written to the index (`hash-object -w` + one `update-index --index-info`,
 *   keeping the file's mode), so the commit gets the fixed version;
 * - a file whose work tree equals its staged content gets the same fixed text in the work tree;
 * - a partially staged file (unstaged edits on top) has its WORK-TREE text fixed separately, so
 *   the unstaged edits survive, formatted; when that fails (the unstaged text does not parse, or
 *   the file changed meanwhile) the work tree is left alone and the result says so.
 * Nothing is ever reset, stashed or checked out.
 */
export async function applyStagedFixes(git: Git, paths: string[], fix: TextFixer): Promise<StagedFixResult[]> {
  return writeStagedFixes(git, await computeStagedFixes(git, paths, fix), fix);
}

/** The first half of `applyStagedFixes`: reads the staged content and fixes it in memory. */
export async function computeStagedFixes(git: Git, paths: string[], fix: TextFixer): Promise<StagedFixes> {
  const entries = await listStagedEntries(git, paths);
  const blobs = await readBlobs(
    git,
    [...entries.values()].map((entry) => entry.blob),
  );
  const fixes: StagedFixes = { updates: [], texts: new Map(), failures: [] };
  // All files at once: a fixer's awaits (config lookups, the lint worker) overlap other files' work.
  const outcomes = await Promise.all(
    paths.map(async (path) => {
      const entry = entries.get(path);
      const staged = entry ? blobs.get(entry.blob) : undefined;
      // Symlinks and submodules hold no source; binary files are not ours to rewrite.
      if (!entry || !staged || staged.includes(0) || entry.mode === '120000' || entry.mode === '160000') return null;
      const stagedText = staged.toString('utf8');
      try {
        return { path, mode: entry.mode, stagedText, text: await fix(path, stagedText), error: null };
      } catch (error) {
        return { path, mode: entry.mode, stagedText, text: stagedText, error };
      }
    }),
  );
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
    else if (outcome.text !== outcome.stagedText)
      fixes.updates.push({ path: outcome.path, mode: outcome.mode, text: outcome.text, stagedText: outcome.stagedText });
  }
  return fixes;
}

/** The second half of `applyStagedFixes`: stages the fixed texts and fixes the work tree to match. */
export async function writeStagedFixes(
  git: Git,
  fixes: StagedFixes,
  fix: TextFixer,
  writeFile: WorktreeWriter = writePreservingMode,
): Promise<StagedFixResult[]> {
  const { updates } = fixes;
  const results = [...fixes.failures];
  if (!updates.length) return results;
  const written = await writeBlobs(
    git,
    updates.map((update) => update.text),
  );
  // One update-index call for every file; it takes index.lock itself, so a concurrent git fails cleanly.
  const info = updates.map((update, i) => `${update.mode} ${(written[i] ?? '').trim()}\t${update.path}`).join('\0');
  await git.run(['update-index', '-z', '--index-info'], { input: `${info}\0` });
  for (const update of updates) {
    results.push({ path: update.path, indexUpdated: true, ...(await fixWorktree(git, update, fix, writeFile)) });
  }
  return results;
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

async function fixWorktree(
  git: Git,
  { path, stagedText, text: fixedStaged }: StagedFixes['updates'][number],
  fix: TextFixer,
  writeFile: WorktreeWriter,
): Promise<Pick<StagedFixResult, 'worktree' | 'note'>> {
  const absolute = git.absolutePath(path);
  let worktreeText: string;
  try {
    worktreeText = await readFile(absolute, 'utf8');
  } catch {
    return { worktree: 'left-alone', note: 'the file is missing from the work tree' };
  }
  if (worktreeText === stagedText) {
    await writeFile(absolute, fixedStaged);
    return { worktree: 'fixed', note: null };
  }
  let fixedWorktree: string;
  try {
    fixedWorktree = await fix(path, worktreeText);
  } catch (error) {
    return {
      worktree: 'left-alone',
      note: `unstaged edits could not be fixed (${firstLine(error)}); the work tree keeps them unformatted`,
    };
  }
  if (fixedWorktree === worktreeText) return { worktree: 'unchanged', note: null };
  // An editor may have saved meanwhile: never overwrite what we did not fix.
  if ((await readFile(absolute, 'utf8')) !== worktreeText) {
    return { worktree: 'left-alone', note: 'the file changed while it was being fixed; the work tree was not touched' };
  }
  await writeFile(absolute, fixedWorktree);
  return { worktree: 'fixed', note: 'partially staged: staged and unstaged versions were fixed separately' };
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
