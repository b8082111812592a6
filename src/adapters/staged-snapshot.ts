import { EMPTY_TREE, type Git } from './git.js';
import { formatBytes, looksBinary, readBlobs, readObjectSizes } from './git-objects.js';
import { mergedEntries, parseStageEntriesZ, stagedDiffArgs, stagedRecords, type ChangedFile, type RawDiffRecord } from './git-output.js';

/** A staged file with content: what the commit will hold at `path`. */
export interface StagedFile {
  path: string;
  mode: string;
  blob: string;
}

/** Text blobs for the text checks, and why each other blob was left out. */
export interface TextBlobs {
  blobs: Map<string, Buffer>;
  skipped: Map<string, string>;
}

/**
 * What the commit will hold, read once: one `diff-index --cached --raw -z` gives every change
 * with its staged mode and blob; the whole index listing (one `ls-files -s -z`), the blobs (one
 * `cat-file --batch` per batch of ids not read yet) and the unified diff are read when first
 * asked for and kept. Every stage of a hook run (secrets, drift, quality) and the `--staged` checks
 * judge the change through one of these, so they cannot disagree about what is staged.
 *
 * A snapshot is of the index at the moment it was taken: a stage that writes the index (quality's
 * fixes) reads the live index for its writes, and nothing after it uses the snapshot's diff.
 */
export class StagedSnapshot {
  private listing: Promise<Map<string, { mode: string; blob: string }>> | undefined;
  private diff: Promise<string> | undefined;
  private readonly sizes = new Map<string, number | null>();
  private readonly contents = new Map<string, Buffer | null>();

  private constructor(
    readonly git: Git,
    /** HEAD, or the empty tree before the first commit. */
    readonly base: string,
    /** Every staged change except unmerged paths (a conflict is the user's to resolve). */
    readonly records: readonly RawDiffRecord[],
  ) {}

  static async take(git: Git): Promise<StagedSnapshot> {
    // Against HEAD in one call; only a repository without commits needs a second, against the empty tree.
    let base = 'HEAD';
    let run = await git.run(stagedDiffArgs(base), { allowFailure: true });
    if (run.code !== 0) {
      base = (await git.headCommit()) ?? EMPTY_TREE;
      run = await git.run(stagedDiffArgs(base));
    }
    return StagedSnapshot.fromRawDiff(git, base, run.stdout);
  }

  /**
   * From the output of `stagedDiffArgs(base)` read already: the hook reads it before anything is
   * loaded (an empty commit is answered with that one process), and the snapshot starts from it.
   */
  static fromRawDiff(git: Git, base: string, out: string): StagedSnapshot {
    return new StagedSnapshot(git, base, stagedRecords(out));
  }

  /** The changes as name and status (what `git diff --cached --name-status -M` lists). */
  changes(): ChangedFile[] {
    return this.records.map((record) =>
      record.from === undefined
        ? { status: record.status as ChangedFile['status'], path: record.path }
        : { status: record.status as ChangedFile['status'], path: record.path, from: record.from },
    );
  }

  /**
   * Files added or modified with content a text check can read: regular files only (a symlink's
   * blob is its target's name; a submodule points at a commit).
   */
  changedFiles(): StagedFile[] {
    return this.records.flatMap((record) =>
      record.status !== 'D' && (record.newMode === '100644' || record.newMode === '100755')
        ? [{ path: record.path, mode: record.newMode, blob: record.newBlob }]
        : [],
    );
  }

  /** Every merged index entry by path (one `ls-files -s -z`, read on first use). */
  entries(): Promise<Map<string, { mode: string; blob: string }>> {
    return (this.listing ??= this.git.text(['ls-files', '-z', '--stage']).then((out) => mergedEntries(parseStageEntriesZ(out))));
  }

  /** The unified diff (`-U0`) of everything staged, read on first use. */
  unifiedDiff(): Promise<string> {
    return (this.diff ??= this.git.text(['diff-index', '--cached', '-p', '-M', '--no-color', '--no-ext-diff', '-U0', this.base, '--']));
  }

  /**
   * Blobs for the text checks: sizes first (a blob over `maxBytes` is never loaded), then content;
   * binary blobs are read (they are under the limit) but not returned. Each id is read once per
   * snapshot, whichever stage asks first.
   */
  async textBlobs(ids: readonly string[], maxBytes: number): Promise<TextBlobs> {
    const unique = [...new Set(ids)].filter(Boolean);
    const unsized = unique.filter((id) => !this.sizes.has(id));
    if (unsized.length) {
      const sizes = await readObjectSizes(this.git, unsized);
      for (const id of unsized) this.sizes.set(id, sizes.get(id) ?? null);
    }
    const unread = unique.filter((id) => !this.contents.has(id) && (this.sizes.get(id) ?? Infinity) <= maxBytes);
    if (unread.length) {
      const read = await readBlobs(this.git, unread);
      for (const id of unread) this.contents.set(id, read.get(id) ?? null);
    }
    const result: TextBlobs = { blobs: new Map(), skipped: new Map() };
    for (const id of unique) {
      const size = this.sizes.get(id);
      if (size === null || size === undefined) continue;
      if (size > maxBytes) result.skipped.set(id, `${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (quality.maxFileBytes)`);
      else {
        const content = this.contents.get(id);
        if (!content) continue;
        if (looksBinary(content)) result.skipped.set(id, 'binary');
        else result.blobs.set(id, content);
      }
    }
    return result;
  }

  /** A file's staged text (a project config, the spec), or null when it is not staged or not text. */
  async readText(path: string, maxBytes: number): Promise<string | null> {
    // A changed file's staged blob is in the diff already: no index listing needed for it.
    const changed = this.records.find((record) => record.path === path && record.status !== 'D');
    const entry = changed ? { mode: changed.newMode, blob: changed.newBlob } : (await this.entries()).get(path);
    if (!entry || entry.mode === '160000') return null;
    const { blobs } = await this.textBlobs([entry.blob], maxBytes);
    return blobs.get(entry.blob)?.toString('utf8') ?? null;
  }
}
