import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from './git.js';
import type { StagedSnapshot } from './staged-snapshot.js';

/**
 * Reads a repository file (repo-relative path, `/`) as the content being judged holds it, or
 * null when it is absent there. A check of the index must read the project's own config files
 * (`.gitleaks.toml`) from the index too, or a config edited but not staged would decide the result.
 * `where` names the source in messages ("the index").
 */
export type ProjectFileReader = ((path: string) => Promise<string | null>) & { where: string };

function reader(where: string, read: (path: string) => Promise<string | null>): ProjectFileReader {
  return Object.assign(read, { where });
}

/** The work tree's copy. */
export function workTreeReader(root: string): ProjectFileReader {
  return reader('the work tree', async (path) => {
    try {
      return await readFile(join(root, path), 'utf8');
    } catch {
      return null;
    }
  });
}

/** The staged copy, from the snapshot the check judges (binary or absent: null). */
export function snapshotReader(snapshot: StagedSnapshot): ProjectFileReader {
  return reader('the index (stage it)', (path) => snapshot.readText(path, Number.MAX_SAFE_INTEGER));
}

/** The copy in a commit (`git show rev:path`). */
export function commitReader(git: Git, commit: string): ProjectFileReader {
  return reader(`commit ${commit.slice(0, 8)}`, async (path) => (await git.readAt(commit, path))?.toString('utf8') ?? null);
}

/** No files at all: for parsing a config text on its own. */
export const noProjectFiles: ProjectFileReader = reader('(no repository)', async () => null);
