import type { ChangedFile, Git } from '../adapters/git.js';
import { listStagedEntries } from '../adapters/git-index.js';
import { readTextBlobs } from '../adapters/git-objects.js';

/** A staged regular file: what the commit will hold at `path`. */
export interface StagedEntry {
  path: string;
  mode: string;
  blob: string;
}

/**
 * Files added or modified in the index (not deleted), with their staged mode and blob. Only
 * regular files: symlinks and submodules have no content a fixer could format.
 */
export async function stagedEntries(git: Git, changes?: readonly ChangedFile[]): Promise<StagedEntry[]> {
  const changed = (changes ?? (await git.stagedChanges())).filter((change) => change.status !== 'D').map((change) => change.path);
  const entries = await listStagedEntries(git, changed);
  return changed.flatMap((path) => {
    const entry = entries.get(path);
    return entry && (entry.mode === '100644' || entry.mode === '100755') ? [{ path, ...entry }] : [];
  });
}

/**
 * The entries the text stages (quality with fixes) may read, and a note for each one left out:
 * over `maxBytes` (its size is read first, its content never) or binary.
 */
export async function textEntries(
  git: Git,
  entries: readonly StagedEntry[],
  maxBytes: number,
): Promise<{ text: StagedEntry[]; notes: string[] }> {
  if (!entries.length) return { text: [], notes: [] };
  const { skipped } = await readTextBlobs(
    git,
    entries.map((entry) => entry.blob),
    maxBytes,
  );
  return {
    text: entries.filter((entry) => !skipped.has(entry.blob)),
    notes: entries.flatMap((entry) => {
      const reason = skipped.get(entry.blob);
      return reason ? [`br-guard: ${entry.path}: skipped by the text checks (${reason})`] : [];
    }),
  };
}
