import type { Git } from './git.js';

/** A path's entry in the index: its mode (100644, 100755, 120000, 160000) and blob id. */
export interface IndexEntry {
  mode: string;
  blob: string;
}

/**
 * Index entries (stage 0) for `paths` in one `git ls-files --stage` call. Unmerged paths are
 * left out: a conflict is the user's to resolve, never ours to check or rewrite.
 */
export async function listStagedEntries(git: Git, paths: string[]): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>();
  if (!paths.length) return entries;
  // Chunks keep each command line well under the OS argument limit.
  const outputs: string[] = [];
  for (let i = 0; i < paths.length; i += 500) {
    outputs.push(await git.text(['ls-files', '-z', '--stage', '--', ...paths.slice(i, i + 500).map((path) => `:(literal)${path}`)]));
  }
  const unmerged = new Set<string>();
  for (const record of outputs.join('').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode = '', blob = '', stage = ''] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    if (stage === '0') entries.set(path, { mode, blob });
    else unmerged.add(path);
  }
  for (const path of unmerged) entries.delete(path);
  return entries;
}

/**
 * A commit's tree entries for `paths` (mode and object id), in `git ls-tree` calls of 500 paths.
 * What `listStagedEntries` is for the index: a symlink (120000) or submodule (160000) is told
 * apart from a file before its object is read as text.
 */
export async function listTreeEntries(git: Git, commit: string, paths: readonly string[]): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>();
  for (let i = 0; i < paths.length; i += 500) {
    // --full-tree: paths are from the root whatever the cwd; ls-tree matches them literally.
    const out = await git.text(['ls-tree', '-z', '--full-tree', commit, '--', ...paths.slice(i, i + 500)]);
    for (const record of out.split('\0')) {
      const tab = record.indexOf('\t');
      if (tab === -1) continue;
      const [mode = '', , blob = ''] = record.slice(0, tab).split(' ');
      entries.set(record.slice(tab + 1), { mode, blob });
    }
  }
  return entries;
}
