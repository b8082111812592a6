import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { findEnclosingGitDir } from '../../adapters/file-system.js';
import { isProcessRunning } from '../../adapters/process-liveness.js';
import type { ProjectFileReader } from '../../adapters/project-files.js';

/** A folder holding a tool's config files as the judged content holds them, laid out as in the repository. */
export interface ConfigShadow {
  dir: string;
  /** The repo paths written there (the files present in the source). */
  files: ReadonlySet<string>;
  /** Lets the folder go; the last user of it removes it. */
  release: () => Promise<void>;
}

/** `<16 hex of the content hash>.<pid>`, and `.tmp<n>` while it is being written. */
const SHADOW_NAME = /^[0-9a-f]{16}\.(\d+)(?:\.tmp\d+)?$/;

/** Shadows of this process by folder: users and the write that makes it. */
const live = new Map<string, { users: number; ready: Promise<void> }>();
let counter = 0;

/**
 * Writes `versions`' files (those present, read through `read`) into a shadow folder and returns
 * it. The folder is under the git dir (never in the work tree, where a killed run would leave
 * files to be committed) inside the repository, so a JS config's package imports resolve by
 * walking up into `<root>/node_modules`. A linked worktree's git dir is elsewhere: there the
 * folder is `<root>/node_modules/.cache/br-guard/config-shadow` (whose imports reach the same
 * node_modules). It is named by a hash of the content and the pid: written whole in a temp folder
 * and renamed into place, shared by the runs of one process, removed by the last; a leftover of a
 * killed process is removed by the next one that makes a shadow.
 *
 * A `.hg` folder marks the shadow as a project root, so Prettier's `.editorconfig` search stops
 * there instead of reading the work tree's copy above it.
 */
export async function makeConfigShadow(
  root: string,
  read: ProjectFileReader,
  versions: ReadonlyMap<string, string | null>,
): Promise<ConfigShadow> {
  const present = [...versions].filter(([, id]) => id !== null).sort(([a], [b]) => a.localeCompare(b));
  const hash = createHash('sha1');
  for (const [path, id] of present) hash.update(`${path}\0${id}\0`);
  const base = await shadowBase(root);
  const dir = join(base, `${hash.digest('hex').slice(0, 16)}.${process.pid}`);
  let entry = live.get(dir);
  if (entry) entry.users++;
  else {
    entry = {
      users: 1,
      ready: writeShadow(
        base,
        dir,
        read,
        present.map(([path]) => path),
      ),
    };
    live.set(dir, entry);
  }
  const own = entry;
  try {
    await own.ready;
  } catch (error) {
    if (--own.users === 0 && live.get(dir) === own) live.delete(dir);
    throw error;
  }
  let released = false;
  return {
    dir,
    files: new Set(present.map(([path]) => path)),
    release: async () => {
      if (released) return;
      released = true;
      if (--own.users > 0 || live.get(dir) !== own) return;
      live.delete(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function writeShadow(base: string, dir: string, read: ProjectFileReader, paths: string[]): Promise<void> {
  await mkdir(base, { recursive: true });
  await removeLeftovers(base);
  const temp = `${dir}.tmp${++counter}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(join(temp, '.hg'), { recursive: true });
  await Promise.all(
    paths.map(async (path) => {
      const text = await read(path);
      if (text === null) return;
      const target = join(temp, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    }),
  );
  // Complete or absent: a folder of this name is never half written.
  await rm(dir, { recursive: true, force: true });
  await rename(temp, dir);
}

/** Removes shadows (and half-written ones) of processes that are gone. */
async function removeLeftovers(base: string): Promise<void> {
  const names = await readdir(base).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(SHADOW_NAME.exec(name)?.[1] ?? NaN);
      if (Number.isNaN(pid) || pid === process.pid || isProcessRunning(pid, null)) return;
      await rm(join(base, name), { recursive: true, force: true });
    }),
  );
}

/** Where shadows go: under the git dir when it is inside the work tree (the usual `.git`), else under node_modules/.cache. */
export async function shadowBase(root: string): Promise<string> {
  const gitDir = await findEnclosingGitDir(root);
  const inside = gitDir !== null && !relative(root, gitDir).startsWith('..') && !isAbsolute(relative(root, gitDir));
  if (gitDir && (inside || !existsSync(join(root, 'node_modules')))) return join(gitDir, 'br-guard', 'config-shadow');
  if (!gitDir && !existsSync(join(root, 'node_modules'))) return join(root, '.buildrunner', 'cache', 'config-shadow');
  return join(root, 'node_modules', '.cache', 'br-guard', 'config-shadow');
}
