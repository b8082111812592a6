import type { Git } from './git.js';

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

/** Parses `cat-file --batch` output: `<oid> <type> <size>\n<content>\n` or `<name> missing\n`. */
export function parseBatchOutput(out: Buffer, names: readonly string[], into: Map<string, Buffer | null>): void {
  let offset = 0;
  for (const name of names) {
    const eol = out.indexOf(0x0a, offset);
    if (eol === -1) {
      into.set(name, null);
      continue;
    }
    const header = out.subarray(offset, eol).toString('utf8');
    offset = eol + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      into.set(name, null);
      continue;
    }
    const size = Number(match[2]);
    into.set(name, match[1] === 'blob' ? out.subarray(offset, offset + size) : null);
    offset += size + 1;
  }
}

/** Blobs by id, one `cat-file --batch` for all of them; ids that are missing are left out. */
export async function readBlobs(git: Git, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  for (const [id, content] of await readObjects(git, ids)) if (content) blobs.set(id, content);
  return blobs;
}
