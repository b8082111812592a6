import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Git } from '../../adapters/git.js';
import { readObjects } from '../../adapters/git-objects.js';
import { withShadowCopy } from './shadow-copy.js';

/** What a TypeScript program is made of: the sources and the JSON configs they may extend or import. */
const programFile = /\.(?:[cm]?tsx?|json)$/;

/**
 * Runs `use` on a shadow copy of the staged program: every staged TypeScript and JSON file
 * (written copies, never hard links: a hard link would change the original's ctime and make git
 * re-read its index entries), the judged `texts` winning (after `--fix` they are the fixed ones),
 * with the project's node_modules linked in for the dependencies' types. For the tools that need
 * types and read only from disk (TypeScript 7's `tsc`, oxlint's type-aware rules).
 */
export async function withStagedProgram<T>(root: string, texts: ReadonlyMap<string, string>, use: (dir: string) => Promise<T>): Promise<T> {
  const git = await Git.open(root);
  const listed = (await git.run(['ls-files', '-z'])).stdout.split('\0').filter((path) => programFile.test(path));
  const blobs = await readObjects(
    git,
    listed.map((path) => `:${path}`),
  );
  const shadow = new Map<string, string>();
  for (const path of listed) {
    const blob = blobs.get(`:${path}`);
    if (blob) shadow.set(path, blob.toString('utf8'));
  }
  for (const [path, text] of texts) shadow.set(path, text);
  return withShadowCopy(root, shadow, async (dir) => {
    const modules = join(root, 'node_modules');
    if (existsSync(modules)) await symlink(modules, join(dir, 'node_modules'), 'dir');
    return use(dir);
  });
}
