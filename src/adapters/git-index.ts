import type { Git } from './git.js';
import { mergedEntries, parseStageEntriesZ } from './git-output.js';

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
