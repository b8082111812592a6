import { lstat, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../domain/errors.js';
import type { Git } from '../adapters/git.js';
import { copyIndexKeepingTime } from '../adapters/index-timestamp.js';

export interface SnapshotTrees {
  /** Tracked files as they are in the work tree, plus untracked files that are not ignored. */
  worktree: string;
  /** What is staged: the index as a tree. */
  index: string;
  skipped: Array<{ path: string; bytes: number }>;
}

/** br-guard's own runtime files, never part of a snapshot and never touched by a rollback. */
export function isRuntimePath(path: string): boolean {
  return (
    path === '.buildrunner/build-state.json' ||
    path.startsWith('.buildrunner/logs/') ||
    path.startsWith('.buildrunner/cache/') ||
    path.startsWith('.buildrunner/gate-answers/') ||
    (path.startsWith('.buildrunner/') && path.endsWith('.tmp'))
  );
}

/** The index git uses for this work tree (GIT_INDEX_FILE wins, as it does for git). */
export function realIndexPath(git: Git): string {
  const override = process.env.GIT_INDEX_FILE;
  return override ? resolve(git.root, override) : join(git.gitDir, 'index');
}

/** A fresh path for a temporary index inside the git dir (same filesystem, so renames are atomic). */
export function tempIndexPath(git: Git, purpose: string): string {
  return join(git.gitDir, `br-guard-${purpose}-${process.pid}-${randomBytes(4).toString('hex')}.index`);
}

/**
 * Writes the index and the work tree as trees, without touching the user's index, HEAD or
 * files: a temporary index is seeded with a copy of the real one (keeping its timestamp, so
 * git's racy-file check still works and only changed files are hashed), then tracked changes
 * and untracked files under the size cap are added to it.
 */
export async function snapshotTrees(git: Git, options: { maxUntrackedFileBytes: number }): Promise<SnapshotTrees> {
  const temp = tempIndexPath(git, 'snapshot');
  const env = { GIT_INDEX_FILE: temp };
  try {
    await copyIndexKeepingTime(realIndexPath(git), temp); // No index yet: the temporary one starts empty.
    // The untracked scan runs beside the index work: on large trees both are mostly waiting on stat().
    const [indexTree, [untracked, skipped]] = await Promise.all([
      (async () => {
        const result = await git.run(['write-tree'], { env, allowFailure: true });
        if (result.code !== 0) {
          throw new UserError('cannot save a checkpoint while the index has unresolved conflicts; resolve them first');
        }
        await git.run(['add', '-u', '--', '.'], { env });
        return result.stdout.trim();
      })(),
      untrackedUnderCap(git, options.maxUntrackedFileBytes),
    ]);
    if (untracked.length > 0) {
      await git.run(['add', '--pathspec-from-file=-', '--pathspec-file-nul', '--'], {
        env: { ...env, GIT_LITERAL_PATHSPECS: '1' },
        input: `${untracked.join('\0')}\0`,
      });
    }
    const worktree = (await git.text(['write-tree'], { env })).trim();
    return { worktree, index: indexTree, skipped };
  } finally {
    await rm(temp, { force: true });
    await rm(`${temp}.lock`, { force: true });
  }
}

/** Untracked, not ignored files: those to add, and those over the cap (left out, listed). */
async function untrackedUnderCap(git: Git, cap: number): Promise<[string[], Array<{ path: string; bytes: number }>]> {
  const out = await git.text(['ls-files', '-z', '--others', '--exclude-standard']);
  const add: string[] = [];
  const skipped: Array<{ path: string; bytes: number }> = [];
  const paths = out.split('\0').filter((path) => path && !isRuntimePath(path));
  // stat() in chunks: many untracked files (a fresh scaffold) should not be stat'ed one by one.
  for (let start = 0; start < paths.length; start += 256) {
    const chunk = paths.slice(start, start + 256);
    const sizes = await Promise.all(
      chunk.map((path) =>
        lstat(git.absolutePath(path)).then(
          (info) => info.size,
          () => null,
        ),
      ),
    );
    chunk.forEach((path, i) => {
      const bytes = sizes[i] ?? null;
      if (bytes === null) return; // Gone since git listed it.
      if (bytes > cap) skipped.push({ path, bytes });
      else add.push(path);
    });
  }
  return [add, skipped];
}
