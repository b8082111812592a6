import type { ChangedFile, Git } from '../adapters/git.js';

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
  if (!changed.length) return [];
  const wanted = new Set(changed);
  const out = await git.text(['ls-files', '--stage', '-z']);
  const entries: StagedEntry[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const path = record.slice(tab + 1);
    const [mode = '', blob = '', stage = '0'] = record.slice(0, tab).split(' ');
    if (!wanted.has(path) || stage !== '0' || (mode !== '100644' && mode !== '100755')) continue;
    entries.push({ path, mode, blob });
  }
  return entries;
}
