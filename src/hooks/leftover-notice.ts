import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { findLeftoverBackup, leftoverMessage } from './backup.js';

/**
 * Finds this work tree's git dir with a few stat calls (no git process), so every br-guard
 * command can afford to look for a backup that a killed hook left behind.
 */
export async function findGitDir(cwd: string): Promise<string | null> {
  let dir = resolve(cwd);
  for (;;) {
    const dotGit = join(dir, '.git');
    try {
      const info = await stat(dotGit);
      if (info.isDirectory()) return dotGit;
      const pointer = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8'))?.[1]?.trim();
      if (pointer) return isAbsolute(pointer) ? pointer : resolve(dir, pointer);
    } catch {
      // Not here; look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The message about a leftover backup in the repository around `cwd`, or null. */
export async function leftoverNotice(cwd: string): Promise<string | null> {
  const gitDir = await findGitDir(cwd);
  if (!gitDir) return null;
  const marker = await findLeftoverBackup(gitDir);
  return marker ? leftoverMessage(marker) : null;
}
