import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { workTreeVersions, type ProjectFileReader } from '../../adapters/project-files.js';

/** The files a tool reads its config from, and the parts of them that matter to it. */
export interface ConfigFileSet {
  /** Repo-relative paths the tool looks for (at the root). */
  names: readonly string[];
  /**
   * For a file the tool reads only part of (package.json: `prettier`, `type`): that part, so an
   * unstaged edit elsewhere in it (a new dependency) does not count as a config change.
   */
  parts?: Readonly<Record<string, (text: string) => string>>;
}

/** A tool's config files as the judged content holds them, against the work tree's. */
export interface ConfigFiles {
  /** Blob id of every file considered, as the source holds it (null: absent there): the cache key's part. */
  versions: ReadonlyMap<string, string | null>;
  /** Files whose copy in the source differs from the work tree's; empty: the work tree's config judges, as always. */
  differing: string[];
}

/** Config files of JS (a config module) whose relative imports are config too. */
const scriptFile = /\.[cm]?[jt]s$/;

/** `import … from './x'`, `import('./x')`, `require('./x')`, `export … from './x'`: relative specifiers only. */
const relativeSpecifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"\n]+)\1/g;

/** How deep relative imports are followed, and how many files at most: a config is a few files. */
const MAX_DEPTH = 4;
const MAX_FILES = 50;

/**
 * Compares a tool's config files in the judged source (the index, a commit) with the work tree's
 * by blob id: one index or tree listing, the work-tree files hashed in-process, no content read
 * from git unless they differ. Relative imports of JS configs are followed, so a staged edit of a
 * file the config imports counts too. A work-tree source is the work tree: nothing to compare.
 */
export async function compareConfigFiles(root: string, read: ProjectFileReader, set: ConfigFileSet): Promise<ConfigFiles> {
  const versions = new Map<string, string | null>();
  const differing: string[] = [];
  let pending = [...set.names];
  for (let depth = 0; pending.length && depth <= MAX_DEPTH && versions.size < MAX_FILES; depth++) {
    const [source, disk] = await Promise.all([
      read.fromWorkTree ? workTreeVersions(root, pending) : read.versions(pending),
      read.fromWorkTree ? null : workTreeVersions(root, pending),
    ]);
    const next: string[] = [];
    for (const path of pending) {
      // Left out by the source (a symlink): the work tree's copy stands for it.
      const id = source.has(path) ? source.get(path)! : (disk?.get(path) ?? null);
      versions.set(path, id);
      const same = !disk || !source.has(path) || disk.get(path) === id;
      if (!same && !(await samePart(root, read, set, path))) differing.push(path);
      if (id !== null && scriptFile.test(path)) {
        const text = same ? await readFile(join(root, path), 'utf8').catch(() => null) : await read(path);
        for (const imported of importedPaths(path, text ?? ''))
          if (!versions.has(imported) && !next.includes(imported)) next.push(imported);
      }
    }
    pending = next.slice(0, MAX_FILES - versions.size);
  }
  return { versions, differing };
}

/** Whether the part of `path` the tool reads (when it reads only part of it) is the same in both. */
async function samePart(root: string, read: ProjectFileReader, set: ConfigFileSet, path: string): Promise<boolean> {
  const part = set.parts?.[path];
  if (!part) return false;
  const [source, disk] = await Promise.all([read(path), readFile(join(root, path), 'utf8').catch(() => null)]);
  if (source === null || disk === null) return source === disk;
  try {
    return part(source) === part(disk);
  } catch {
    return false; // Unparsable on one side: treat as changed.
  }
}

/**
 * The repo paths a JS config's relative specifiers may name: the path itself when it has an
 * extension, else what Node's CommonJS resolution would try. Paths outside the repository are
 * left out (they cannot be mirrored; loading then fails and the work tree's config is used).
 */
export function importedPaths(from: string, text: string): string[] {
  const paths = new Set<string>();
  for (const match of text.matchAll(relativeSpecifier)) {
    const joined = posix.normalize(posix.join(posix.dirname(from), match[2]!));
    if (joined.startsWith('../') || joined === '..') continue;
    if (/\.[A-Za-z0-9]+$/.test(posix.basename(joined))) paths.add(joined);
    else for (const suffix of ['.js', '.mjs', '.cjs', '.ts', '.json', '/index.js']) paths.add(`${joined}${suffix}`);
  }
  return [...paths];
}

/** package.json's fields that a config loader reads: the module type of `.js` configs, and Prettier's key. */
export function packageJsonPart(...keys: string[]): (text: string) => string {
  return (text) => {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    return JSON.stringify(keys.map((key) => manifest[key] ?? null));
  };
}
