import type { Git } from './git.js';
import { mergedEntries, parseStageEntriesZ, parseTreeListingZ } from './git-output.js';

/** A path's entry in the index: its mode (100644, 100755, 120000, 160000) and blob id. */
export interface IndexEntry {
  mode: string;
  blob: string;
}

/**
 * Index entries (stage 0) for `paths` in one `git ls-files --stage` call, read live (a writer of
 * the index must see it as it is now, not as a snapshot saw it). Unmerged paths are left out: a
 * conflict is the user's to resolve, never ours to check or rewrite.
 */
export async function listStagedEntries(git: Git, paths: string[]): Promise<Map<string, IndexEntry>> {
  if (!paths.length) return new Map();
  // Chunks keep each command line well under the OS argument limit.
  const outputs: string[] = [];
  for (let i = 0; i < paths.length; i += 500) {
    outputs.push(await git.text(['ls-files', '-z', '--stage', '--', ...paths.slice(i, i + 500).map((path) => `:(literal)${path}`)]));
  }
  return mergedEntries(parseStageEntriesZ(outputs.join('')));
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
    for (const entry of parseTreeListingZ(out)) entries.set(entry.path, { mode: entry.mode, blob: entry.blob });
  }
  return entries;
}
