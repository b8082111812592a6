import { open, rename, rm } from 'node:fs/promises';
import { GitError } from '../adapters/git.js';

/**
 * Replaces an index file the way git does: create `<index>.lock` exclusively (so a concurrent
 * git command is never overwritten), write and flush it, rename it over the index. Old bytes go
 * back with the mtime they had (`mtime`): git's racy-entry check is relative to it (see
 * adapters/index-timestamp.ts), and files rewritten since may still match the old stat data.
 */
export async function replaceIndexUnderLock(indexPath: string, bytes: Buffer, mtime: Date | null): Promise<void> {
  const lock = `${indexPath}.lock`;
  let handle;
  try {
    handle = await open(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new GitError(`${lock} exists: another git process is running; retry when it ends`);
    }
    throw error;
  }
  try {
    await handle.writeFile(bytes);
    if (mtime) await handle.utimes(mtime, mtime);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(lock, { force: true });
    throw error;
  }
  await handle.close();
  await rename(lock, indexPath);
}
