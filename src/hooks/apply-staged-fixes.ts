import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../adapters/git.js';
import { readBlobs } from '../adapters/git-objects.js';
import { realIndexPath } from '../build/snapshot-trees.js';
import type { StagedEntry } from './staged-entries.js';
import { ConcurrentEditError, type UndoLog } from './undo-log.js';

/** File names are names, never glob patterns. */
const literal = { env: { GIT_LITERAL_PATHSPECS: '1' } };

export interface StagedFixOutcome<R> {
  result: R;
  /** Files whose staged content the fixer changed (now staged with the fix). */
  fixed: string[];
  /** Partially staged files where the fix and the unstaged edit touch the same lines. */
  conflicts: string[];
}

/**
 * Runs a fixer on exactly what is staged and stages its fixes, keeping unstaged edits:
 * 1. partially staged files get their staged content in the work tree (old bytes remembered);
 * 2. the fixer rewrites work tree files in place;
 * 3. every fix is merged with the hidden unstaged edit in memory (`git merge-file`, base = staged);
 * 4. only when every file merged cleanly are the fixes staged and the edits written back.
 * On a conflict nothing reaches the index and every file gets its old bytes back, so the user's
 * index and work tree are exactly as before. No stash and no reset are involved (see docs/hooks.md).
 */
export async function applyStagedFixes<R>(
  git: Git,
  entries: readonly StagedEntry[],
  fixer: (files: string[]) => Promise<R>,
  undo: UndoLog,
): Promise<StagedFixOutcome<R>> {
  const staged = await readBlobs(
    git,
    entries.map((entry) => entry.blob),
  );
  const work = new Map<string, Buffer>();
  for (const entry of entries) {
    const bytes = await readFile(git.absolutePath(entry.path)).catch(() => null);
    if (bytes) work.set(entry.path, bytes);
  }
  // A file deleted from the work tree but staged is left to the checks that read the index.
  const files = entries.filter((entry) => work.has(entry.path) && staged.has(entry.blob));
  await undo.rememberIndex(realIndexPath(git));
  // The fixer rewrites files in place: remember every one before it runs, not only the hidden ones.
  for (const entry of files) await undo.rememberFile(git.absolutePath(entry.path));
  // Partially staged = git sees a work tree change (through the repo's filters, so a CRLF checkout
  // of an LF blob is not mistaken for an unstaged edit).
  const unstaged = files.length
    ? new Set((await git.text(['diff', '--name-only', '-z', '--no-ext-diff', '--', ...files.map((e) => e.path)], literal)).split('\0'))
    : new Set<string>();
  const partial = files.filter((entry) => unstaged.has(entry.path));
  for (const entry of partial) await undo.writeFile(git.absolutePath(entry.path), staged.get(entry.blob)!);

  undo.releaseExpectations();
  const result = await fixer(files.map((entry) => entry.path));

  const fixed: string[] = [];
  const conflicts: string[] = [];
  const writeBack = new Map<string, Buffer>();
  for (const entry of files) {
    const base = staged.get(entry.blob)!;
    const after = await readFile(git.absolutePath(entry.path));
    undo.observe(git.absolutePath(entry.path), after);
    const original = work.get(entry.path)!;
    const isPartial = unstaged.has(entry.path);
    // What the fixer was given: the staged bytes for a hidden file, else the untouched work tree file.
    if (after.equals(isPartial ? base : original)) {
      if (isPartial) writeBack.set(entry.path, original);
      continue;
    }
    fixed.push(entry.path);
    if (!isPartial) continue;
    const merged = await mergeFile(git, original, base, after);
    if (merged === null) conflicts.push(entry.path);
    else writeBack.set(entry.path, merged);
  }
  if (conflicts.length) {
    const skipped = await undo.undo();
    if (skipped.length) throw new ConcurrentEditError(skipped);
    return { result, fixed: [], conflicts };
  }
  if (fixed.length) {
    undo.markIndexChanged();
    const added = await undo.track(() => git.run(['add', '--', ...fixed], { ...literal, allowFailure: true }));
    if (added.code !== 0) {
      // The caller's undo puts the files and the index back.
      throw new Error(`git add of the fixed files failed: ${added.stderr.trim().split('\n')[0]}`);
    }
  }
  for (const [path, bytes] of writeBack) await undo.writeFile(git.absolutePath(path), bytes);
  return { result, fixed, conflicts };
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
