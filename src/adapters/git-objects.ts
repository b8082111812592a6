import type { Git } from './git.js';
import { parseBatchCheck, parseBatchOutput } from './git-output.js';

/** `quality.maxFileBytes`' default: staged files over 2 MB are left out of the text checks. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Reads many git objects (blob ids or `rev:path` names) with one `git cat-file --batch`, so a
 * check that needs hundreds of files spawns one process, not hundreds. Missing objects map to null.
 */
export async function readObjects(git: Git, names: readonly string[]): Promise<Map<string, Buffer | null>> {
  const result = new Map<string, Buffer | null>();
  // A name with a newline cannot go through the line-based batch protocol.
  const batchable = [...new Set(names)].filter((name) => !name.includes('\n'));
  for (const name of names) if (name.includes('\n')) result.set(name, null);
  if (batchable.length === 0) return result;
  const run = await git.run(['cat-file', '--batch'], { input: `${batchable.join('\n')}\n`, binary: true });
  parseBatchOutput(run.stdoutBuffer, batchable, result);
  return result;
}

/** Blobs by id, one `cat-file --batch` for all of them; ids that are missing are left out. */
export async function readBlobs(git: Git, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  for (const [id, content] of await readObjects(git, ids)) if (content) blobs.set(id, content);
  return blobs;
}

/**
 * Object sizes by id with one `cat-file --batch-check` (headers only, no content), so a stage can
 * leave a 30 MB blob unread instead of loading it to find out it is too big. Missing ids are left out.
 */
export async function readObjectSizes(git: Git, ids: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(ids)].filter((id) => id && !id.includes('\n'));
  if (!unique.length) return new Map();
  const run = await git.run(['cat-file', '--batch-check'], { input: `${unique.join('\n')}\n` });
  return parseBatchCheck(run.stdout, unique);
}

/** NUL in the first 8 KB: git's own test for a binary file. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/**
 * Staged blobs for the text checks: ids over `maxBytes` are not read at all, binary ones are
 * read (they are under the limit) but not returned; each skip comes back with its reason.
 */
export async function readTextBlobs(
  git: Git,
  ids: readonly string[],
  maxBytes: number,
): Promise<{ blobs: Map<string, Buffer>; skipped: Map<string, string> }> {
  const sizes = await readObjectSizes(git, ids);
  const skipped = new Map<string, string>();
  const small: string[] = [];
  for (const [id, size] of sizes) {
    if (size > maxBytes) skipped.set(id, `${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (quality.maxFileBytes)`);
    else small.push(id);
  }
  const blobs = await readBlobs(git, small);
  for (const [id, content] of blobs) {
    if (looksBinary(content)) {
      blobs.delete(id);
      skipped.set(id, 'binary');
    }
  }
  return { blobs, skipped };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} B`;
}
