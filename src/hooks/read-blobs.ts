import type { Git } from '../adapters/git.js';

/** Reads many blobs with one `git cat-file --batch` instead of a process per file. */
export async function readBlobs(git: Git, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (!ids.length) return blobs;
  const unique = [...new Set(ids)];
  const result = await git.run(['cat-file', '--batch'], { input: `${unique.join('\n')}\n`, binary: true });
  const out = result.stdoutBuffer;
  let offset = 0;
  for (const id of unique) {
    const newline = out.indexOf(0x0a, offset);
    if (newline === -1) break;
    const header = out.subarray(offset, newline).toString('utf8').split(' ');
    offset = newline + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    blobs.set(id, out.subarray(offset, offset + size));
    offset += size + 1;
  }
  return blobs;
}
