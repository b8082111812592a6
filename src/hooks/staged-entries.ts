import type { ChangedFile, Git } from '../adapters/git.js';
import { listStagedEntries } from '../adapters/git-index.js';

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
