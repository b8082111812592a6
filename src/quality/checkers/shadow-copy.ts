import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gitTempDir } from '../../adapters/file-system.js';

let shadowCounter = 0;

/**
 * Runs `use` on a shadow copy of `files` (repo path → text) laid out as in the repository, in a
 * fresh folder under `<git dir>/br-guard/tmp/` (never in the work tree, where a killed run would
 * leave files to be committed), and removes the folder afterwards, whatever `use` did.
 *
 * Why a copy: a disk-only tool (oxlint) must judge exactly the content being checked, the staged
 * blobs for `--staged`, not whatever the work tree holds at the moment.
 */
export async function withShadowCopy<T>(root: string, files: ReadonlyMap<string, string>, use: (dir: string) => Promise<T>): Promise<T> {
  const base = (await gitTempDir(root)) ?? join(root, '.buildrunner', 'cache', 'tmp');
  // The pid names the owner, as br-guard's temp files do, so a leftover of a killed run is recognisable.
  const dir = join(base, `shadow.br-guard.${process.pid}.${++shadowCounter}`);
  try {
    await Promise.all(
      [...files].map(async ([path, text]) => {
        const target = join(dir, path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, text);
      }),
    );
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
