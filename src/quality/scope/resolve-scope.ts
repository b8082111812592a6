import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import type { Git } from '../../adapters/git.js';
import type { QualityScope, SourceFile } from '../types.js';
import { DEFAULT_MAX_FILE_BYTES, readTextBlobs } from '../../adapters/git-objects.js';
import { StagedSnapshot, type TextBlobs } from '../../adapters/staged-snapshot.js';
import { listTreeEntries, type IndexEntry } from '../../adapters/git-index.js';
import { commitReader, snapshotReader, workTreeReader, type ProjectFileReader } from '../../adapters/project-files.js';
import { parseTouchedLines, type TouchedLines } from './touched-lines.js';

export interface ResolvedScope {
  files: SourceFile[];
  /** Lines the change touched; null when every line is judged (`--all`, explicit files). */
  touched: TouchedLines | null;
  /** True when content is read from git (the index or a commit), not the work tree. */
  staged: boolean;
  /** Reads the project's config files from the same place as the content. */
  readProjectFile: ProjectFileReader;
  /** Files left out of the text checks, each with why (`path: not checked (binary)`). */
  skipped?: string[];
}

/**
 * Turns a scope into the files to check and how to read each: the index for `--staged` (so what
 * is judged is exactly what will be committed), the commit for a commit scope (what a push
 * sends), the work tree otherwise.
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
      // The snapshot a hook's earlier stages judged (so every stage reads the same index), or a new one.
      const snapshot = scope.snapshot ?? (await StagedSnapshot.take(git));
      const changed = snapshot.changedFiles().filter((file) => keep(file.path));
      const readProjectFile = snapshotReader(snapshot);
      if (!changed.length) return { files: [], touched: new Map(), staged: true, readProjectFile };
      const blobOf = new Map(changed.map((file) => [file.path, file.blob]));
      const [files, touched] = await Promise.all([
        blobFiles(
          changed.map((file) => file.path),
          (path) => blobOf.get(path),
          (ids) => snapshot.textBlobs(ids, maxFileBytes),
        ),
        snapshot.unifiedDiff().then(parseTouchedLines),
      ]);
      return { ...files, touched, staged: true, readProjectFile };
    }
    case 'commit': {
      // The pushed commit's own content: a work tree edited since (a secret removed but not
      // committed, or added but not committed) must not decide what the push sends.
      const commit = await git.resolveCommit(scope.ref);
      const paths = scope.files.filter(keep);
      const entries = paths.length ? await listTreeEntries(git, commit, paths) : new Map<string, IndexEntry>();
      const blobs = await blobFiles(paths, fileBlob(entries), (names) => readTextBlobs(git, names, maxFileBytes));
      return { ...blobs, touched: null, staged: true, readProjectFile: commitReader(git, commit) };
    }
    case 'since': {
      const ref = await git.resolveCommit(scope.ref);
      const changes = (await git.changesSince(ref)).filter((change) => change.status !== 'D' && keep(change.path));
      const paths = changes.map((change) => change.path);
      return {
        files: await existing(git, paths),
        touched: paths.length ? await touchedLines(git, scope) : new Map(),
        staged: false,
        readProjectFile: workTreeReader(git.root),
      };
    }
    case 'all': {
      const paths = (await git.listFiles({ untracked: true })).filter(keep);
      return { files: await existing(git, paths), touched: null, staged: false, readProjectFile: workTreeReader(git.root) };
    }
    case 'files':
      return {
        files: await existing(git, scope.files.filter(keep)),
        touched: null,
        staged: false,
        readProjectFile: workTreeReader(git.root),
      };
  }
}

/** The blob of each path that is a file: submodules have none, and a symlink's is its target's name, not source. */
function fileBlob(entries: Map<string, IndexEntry>): (path: string) => string | undefined {
  return (path) => {
    const entry = entries.get(path);
    return entry && entry.mode !== '160000' && entry.mode !== '120000' ? entry.blob : undefined;
  };
}

/**
 * The lines a scope's change touched (null when every line is judged), read again after `--fix`,
 * whose edits move lines.
 */
export async function touchedLines(git: Git, scope: QualityScope): Promise<TouchedLines | null> {
  switch (scope.kind) {
    case 'staged':
      // Read live, not from the snapshot: this is the diff after the fixes were staged. The whole
      // staged diff, not one naming every path: no command-line length limit to hit.
      return parseTouchedLines(await git.stagedDiff());
    case 'since': {
      const ref = await git.resolveCommit(scope.ref);
      return parseTouchedLines(await git.text(['diff-index', '-p', '-M', '--no-color', '--no-ext-diff', '-U0', ref, '--']));
    }
    default:
      return null;
  }
}

/**
 * Files read from git objects, one read for all: `nameOf` gives each path's object (a blob id or
 * `rev:path`; undefined: nothing to read), `readText` reads them. Big files are never read (their
 * size comes first), binary ones are not checked: both are said.
 */
async function blobFiles(
  paths: readonly string[],
  nameOf: (path: string) => string | undefined,
  readText: (names: string[]) => Promise<TextBlobs>,
): Promise<{ files: SourceFile[]; skipped: string[] }> {
  const names = new Map(paths.flatMap((path) => (nameOf(path) ? [[path, nameOf(path)!] as const] : [])));
  const { blobs, skipped: skippedBlobs } = await readText([...names.values()]);
  const files: SourceFile[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    const name = names.get(path) ?? '';
    const reason = skippedBlobs.get(name);
    if (reason) skipped.push(`${path}: not checked (${reason})`);
    const content = blobs.get(name);
    // Absent (deleted, a submodule), big and binary files are not checked.
    if (!content) continue;
    const text = content.toString('utf8');
    files.push({ path, read: async () => text });
  }
  return { files, skipped };
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
