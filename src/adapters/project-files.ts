import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from './git.js';
import { listTreeEntries } from './git-index.js';
import type { StagedSnapshot } from './staged-snapshot.js';

/**
 * Reads a repository file (repo-relative path, `/`) as the content being judged holds it, or
 * null when it is absent there. A check of the index must read the project's own config files
 * (`.gitleaks.toml`) from the index too, or a config edited but not staged would decide the result.
 * `where` names the source in messages ("the index").
 */
export type ProjectFileReader = ((path: string) => Promise<string | null>) & {
  where: string;
  /** True when the source is the work tree itself (tools that read their config from disk read the same). */
  fromWorkTree: boolean;
  /**
   * The git blob id of each path's content in the source (null: absent), without reading the
   * content: what tells a config as staged from the work tree's copy at the cost of one index
   * or tree listing. Paths that are no regular file there (a symlink, a submodule) are left out:
   * the tools follow a link on disk, so the work tree's copy stands for them.
   */
  versions: (paths: readonly string[]) => Promise<Map<string, string | null>>;
};

function reader(
  where: string,
  fromWorkTree: boolean,
  read: (path: string) => Promise<string | null>,
  versions: ProjectFileReader['versions'],
): ProjectFileReader {
  return Object.assign(read, { where, fromWorkTree, versions });
}

/** The id git gives `content` as a blob (`git hash-object`), computed here: no process. */
export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** The blob ids of work-tree files (null: absent or unreadable), hashed in-process. */
export async function workTreeVersions(root: string, paths: readonly string[]): Promise<Map<string, string | null>> {
  const ids = await Promise.all(
    paths.map(async (path) => {
      try {
        return [path, gitBlobId(await readFile(join(root, path)))] as const;
      } catch {
        return [path, null] as const;
      }
    }),
  );
  return new Map(ids);
}

/** The work tree's copy. */
export function workTreeReader(root: string): ProjectFileReader {
  return reader(
    'the work tree',
    true,
    async (path) => {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch {
        return null;
      }
    },
    (paths) => workTreeVersions(root, paths),
  );
}

/** Regular files' blobs by path; symlinks and submodules left out (see `ProjectFileReader.versions`). */
function regularBlobs(paths: readonly string[], entries: Map<string, { mode: string; blob: string }>): Map<string, string | null> {
  const ids = new Map<string, string | null>();
  for (const path of paths) {
    const entry = entries.get(path);
    if (!entry) ids.set(path, null);
    else if (entry.mode === '100644' || entry.mode === '100755') ids.set(path, entry.blob);
  }
  return ids;
}

/** The staged copy, from the snapshot the check judges (binary or absent: null). */
export function snapshotReader(snapshot: StagedSnapshot): ProjectFileReader {
  return reader(
    'the index (stage it)',
    false,
    (path) => snapshot.readText(path, Number.MAX_SAFE_INTEGER),
    async (paths) => regularBlobs(paths, await snapshot.entries()),
  );
}

/** The copy in a commit (`git show rev:path`). */
export function commitReader(git: Git, commit: string): ProjectFileReader {
  return reader(
    `commit ${commit.slice(0, 8)}`,
    false,
    async (path) => (await git.readAt(commit, path))?.toString('utf8') ?? null,
    async (paths) => regularBlobs(paths, paths.length ? await listTreeEntries(git, commit, paths) : new Map()),
  );
}

/** No files at all: for parsing a config text on its own. */
export const noProjectFiles: ProjectFileReader = reader(
  '(no repository)',
  false,
  async () => null,
  async (paths) => new Map(paths.map((path) => [path, null])),
);
