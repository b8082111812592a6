import { findEnclosingGitDir } from '../adapters/file-system.js';
import { findLeftoverBackup, leftoverMessage } from './backup.js';

/**
 * Finds this work tree's git dir with a few stat calls (no git process), so every br-guard
 * command can afford to look for a backup that a killed hook left behind.
 */
export function findGitDir(cwd: string): Promise<string | null> {
  return findEnclosingGitDir(cwd);
}

/** The message about a leftover backup in the repository around `cwd`, or null. */
export async function leftoverNotice(cwd: string): Promise<string | null> {
  const gitDir = await findGitDir(cwd);
  if (!gitDir) return null;
  const marker = await findLeftoverBackup(gitDir);
  return marker ? leftoverMessage(marker) : null;
}
