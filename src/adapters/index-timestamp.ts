import { copyFile, readFile, stat, utimes } from 'node:fs/promises';

/**
 * Git trusts an index entry's stat data (mtime, size, inode) for a file only when the file can
 * not have changed since the index was written: an entry stamped in the same second as the index
 * file, or later, is "racy" and its file is re-read. So a copy of the index, or old index bytes
 * written back, must carry the original file's mtime. With a newer one, git trusts stat data that
 * a file rewritten in that second (same size, a reused inode) still matches, and reports a
 * changed file as clean: a rollback then shows the wrong status.
 *
 * Everything here errs early: the time is read before the bytes, and a Date drops the sub-ms
 * part, so at worst more entries count as racy (a little hashing), never fewer.
 */

/** An index file's bytes and its mtime, read in that order (time first: see above). */
export async function readIndexWithTime(path: string): Promise<{ bytes: Buffer; mtime: Date }> {
  const { mtime } = await stat(path);
  return { bytes: await readFile(path), mtime };
}

/** Copies an index file keeping its mtime; false when there is none to copy. */
export async function copyIndexKeepingTime(from: string, to: string): Promise<boolean> {
  let mtime: Date;
  try {
    ({ mtime } = await stat(from));
  } catch {
    return false;
  }
  await copyFile(from, to);
  await utimes(to, mtime, mtime);
  return true;
}
