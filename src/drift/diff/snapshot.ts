import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Git } from '../../adapters/git.js';
import { DEFAULT_MAX_FILE_BYTES, readObjects, readObjectSizes } from '../../adapters/git-objects.js';
import { blobText } from './blob-text.js';
import type { StagedSnapshot } from '../../adapters/staged-snapshot.js';

/**
 * One side of a change: a set of files with blob ids (the cache key of their parsed imports)
 * and a way to read their text. The same checks run on the index, a commit or the work tree.
 */
export interface Snapshot {
  /** Every file path (repo-relative, `/`) → blob id. */
  files(): Promise<Map<string, string>>;
  /** Text of the given files; null when absent or binary. */
  readMany(paths: readonly string[]): Promise<Map<string, string | null>>;
}

/** Blob-addressed snapshots (index, commit) read through one `cat-file --batch`. */
class BlobSnapshot implements Snapshot {
  private listing: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly git: Git,
    private readonly list: () => Promise<Map<string, string>>,
  ) {}

  files(): Promise<Map<string, string>> {
    return (this.listing ??= this.list());
  }

  async readMany(paths: readonly string[]): Promise<Map<string, string | null>> {
    const files = await this.files();
    // Sizes first: a blob over the text limit (quality.maxFileBytes' default) is never loaded.
    const sizes = await readObjectSizes(
      this.git,
      paths.flatMap((path) => (files.has(path) ? [files.get(path) as string] : [])),
    );
    const wanted = paths.filter((path) => files.has(path) && (sizes.get(files.get(path) as string) ?? 0) <= DEFAULT_MAX_FILE_BYTES);
    const readable = new Set(wanted);
    const blobs = await readObjects(
      this.git,
      wanted.map((path) => files.get(path) as string),
    );
    const texts = new Map<string, string | null>();
    for (const path of paths) texts.set(path, readable.has(path) ? blobText(blobs.get(files.get(path) as string)) : null);
    return texts;
  }
}

/** What is staged: the index, which is what a commit will contain, read through the run's one snapshot. */
export function indexSnapshot(staged: StagedSnapshot): Snapshot {
  return {
    async files() {
      // Submodules (mode 160000) point at commits, not blobs: they hold no files of ours.
      const entries = await staged.entries();
      return new Map([...entries].flatMap(([path, entry]) => (entry.mode === '160000' ? [] : [[path, entry.blob] as const])));
    },
    async readMany(paths) {
      const entries = await staged.entries();
      const ids = paths.flatMap((path) => {
        const entry = entries.get(path);
        return entry && entry.mode !== '160000' ? [entry.blob] : [];
      });
      // Over the text limit or binary: null, as for every other snapshot.
      const { blobs } = await staged.textBlobs(ids, DEFAULT_MAX_FILE_BYTES);
      const texts = new Map<string, string | null>();
      for (const path of paths) {
        const blob = entries.get(path)?.blob;
        texts.set(path, blob ? blobText(blobs.get(blob)) : null);
      }
      return texts;
    },
  };
}

/** Files known by blob id (the old side of a diff: only the paths it touches). */
export function blobSnapshot(git: Git, blobs: ReadonlyMap<string, string>): Snapshot {
  return new BlobSnapshot(git, async () => new Map(blobs));
}

/** A commit's tree. */
export function commitSnapshot(git: Git, commit: string): Snapshot {
  return new BlobSnapshot(git, async () => {
    const entries = await git.listTree(commit);
    // Submodules (mode 160000) point at commits, not blobs: they hold no files of ours.
    return new Map(entries.filter((entry) => entry.mode !== '160000').map((entry) => [entry.path, entry.blob]));
  });
}

/**
 * The work tree: tracked files plus untracked ones that are not ignored, as the user sees them.
 * Files `eager` selects (sources, manifests) are read up front and get the blob id git would
 * give them, so the import cache is shared with the other scopes; the rest (assets, data) are
 * only checked to exist, and read if asked.
 */
export function worktreeSnapshot(git: Git, eager: (path: string) => boolean): Snapshot {
  let loaded: Promise<Map<string, { blob: string; text: string | null }>> | undefined;
  const load = async (): Promise<Map<string, { blob: string; text: string | null }>> => {
    const paths = (await git.text(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])).split('\0').filter(Boolean);
    const entries = new Map<string, { blob: string; text: string | null }>();
    // Synchronous reads, one after another: fs/promises' readFile costs an open, fstat, read and
    // close round trip through the thread pool per file (~0.3 ms each, 1 s on 3,000 files), a
    // readFileSync a few microseconds; the parse that follows is synchronous anyway.
    for (const path of new Set(paths)) {
      try {
        if (eager(path)) {
          const content = readFileSync(git.absolutePath(path));
          entries.set(path, { blob: gitBlobId(content), text: blobText(content) });
        } else if (statSync(git.absolutePath(path)).isFile()) {
          entries.set(path, { blob: '', text: null });
        }
      } catch {
        // deleted in the work tree, or a folder (submodule)
      }
    }
    return entries;
  };
  return {
    async files() {
      const entries = await (loaded ??= load());
      return new Map([...entries].map(([path, entry]) => [path, entry.blob]));
    },
    async readMany(paths) {
      const entries = await (loaded ??= load());
      const texts = new Map<string, string | null>();
      for (const path of paths) {
        const entry = entries.get(path);
        if (entry && !entry.blob) texts.set(path, blobText(await readFile(git.absolutePath(path)).catch(() => null)));
        else texts.set(path, entry?.text ?? null);
      }
      return texts;
    },
  };
}

/** The id git gives a blob with this content (`git hash-object`). */
export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
