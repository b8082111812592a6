import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import type { Git } from '../../adapters/git.js';
import type { QualityScope, SourceFile } from '../types.js';
import { DEFAULT_MAX_FILE_BYTES, readTextBlobs } from '../../adapters/git-objects.js';
import { listStagedEntries } from '../../adapters/git-index.js';
import { parseTouchedLines, type TouchedLines } from './touched-lines.js';

export interface ResolvedScope {
  files: SourceFile[];
  /** Lines the change touched; null when every line is judged (`--all`, explicit files). */
  touched: TouchedLines | null;
  /** True when content is read from the index. */
  staged: boolean;
  /** Files left out of the text checks, each with why (`path: not checked (binary)`). */
  skipped?: string[];
}

/**
 * Turns a scope into the files to check and how to read each: the index for `--staged` (so what
 * is judged is exactly what will be committed), the work tree otherwise.
 */
export async function resolveScope(
  git: Git,
  scope: QualityScope,
  exclude: string[],
  maxFileBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<ResolvedScope> {
  const excluded = picomatch(exclude.length ? exclude : ['\0'], { dot: true });
  const keep = (path: string): boolean => !excluded(path);
  switch (scope.kind) {
    case 'staged': {
      const changes = (await git.stagedChanges()).filter((change) => change.status !== 'D' && keep(change.path));
      const paths = changes.map((change) => change.path);
      if (!paths.length) return { files: [], touched: new Map(), staged: true };
      const [entries, touched] = await Promise.all([listStagedEntries(git, paths), touchedLines(git, scope)]);
      // Big files are never read (their size comes first), binary ones are not checked: both said.
      const { blobs, skipped: skippedBlobs } = await readTextBlobs(
        git,
        // A symlink's blob is its target's name, a submodule has none: neither holds source.
        [...entries.values()].filter((entry) => entry.mode !== '160000' && entry.mode !== '120000').map((entry) => entry.blob),
        maxFileBytes,
      );
      const files: SourceFile[] = [];
      const skipped: string[] = [];
      for (const path of paths) {
        const entry = entries.get(path);
        if (entry?.mode === '120000') continue;
        const blob = entry?.blob ?? '';
        const reason = skippedBlobs.get(blob);
        if (reason) skipped.push(`${path}: not checked (${reason})`);
        const content = blobs.get(blob);
        // Submodules (no blob), big and binary files are not checked.
        if (!content) continue;
        const text = content.toString('utf8');
        files.push({ path, read: async () => text });
      }
      return { files, touched, staged: true, skipped };
    }
    case 'since': {
      const ref = await git.resolveCommit(scope.ref);
      const changes = (await git.changesSince(ref)).filter((change) => change.status !== 'D' && keep(change.path));
      const paths = changes.map((change) => change.path);
      return { files: await existing(git, paths), touched: paths.length ? await touchedLines(git, scope) : new Map(), staged: false };
    }
    case 'all': {
      const paths = (await git.listFiles({ untracked: true })).filter(keep);
      return { files: await existing(git, paths), touched: null, staged: false };
    }
    case 'files':
      return { files: await existing(git, scope.files.filter(keep)), touched: null, staged: false };
  }
}

/**
 * The lines a scope's change touched (null when every line is judged). Read again after `--fix`,
 * whose edits move lines.
 */
export async function touchedLines(git: Git, scope: QualityScope): Promise<TouchedLines | null> {
  switch (scope.kind) {
    case 'staged':
      // The whole staged diff, not one naming every path: no command-line length limit to hit.
      return parseTouchedLines(await git.stagedDiff());
    case 'since': {
      const ref = await git.resolveCommit(scope.ref);
      return parseTouchedLines(await git.text(['diff-index', '-p', '-M', '--no-color', '--no-ext-diff', '-U0', ref, '--']));
    }
    default:
      return null;
  }
}

/** Work-tree files that exist and are not binary; each is read once and cached. */
async function existing(git: Git, paths: string[]): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  await Promise.all(
    paths.map(async (path) => {
      let buffer: Buffer;
      try {
        buffer = await readFile(git.absolutePath(path));
      } catch {
        return; // Deleted in the work tree, a directory (submodule) or unreadable: nothing to check.
      }
      if (buffer.subarray(0, 8000).includes(0)) return;
      const text = buffer.toString('utf8');
      files.push({ path, read: async () => text });
    }),
  );
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
