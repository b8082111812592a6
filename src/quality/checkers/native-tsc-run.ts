import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Git } from '../../adapters/git.js';
import { readObjects } from '../../adapters/git-objects.js';
import { runProcess } from '../../adapters/process-runner.js';
import type { Finding } from '../../domain/findings.js';
import type { CheckContext } from '../types.js';
import type { NativeTsc } from './native-tsc.js';
import { nativeTscFindings } from './native-tsc-output.js';
import { withShadowCopy } from './shadow-copy.js';

/** What the program is made of: the TypeScript sources and the JSON configs they may extend or import. */
const programFile = /\.(?:[cm]?tsx?|json)$/;

/** `tsc`'s arguments: the root tsconfig, always strict (as the API checker), plain output, no emit. */
export function nativeTscArgs(): string[] {
  return ['-p', 'tsconfig.json', '--noEmit', '--strict', '--pretty', 'false'];
}

/**
 * Type-checks with TypeScript 7's binary. For the index it runs on a shadow copy of every staged
 * TypeScript and JSON file (written copies, never hard links: a hard link would change the
 * original's ctime and make git re-read its index entries), with the project's node_modules
 * linked in for the dependencies' types; on the work tree it runs in the project itself.
 * Findings are reported for the files in scope.
 */
export async function runNativeTsc(context: CheckContext, tsc: NativeTsc): Promise<Finding[]> {
  const texts = new Map(await Promise.all(context.files.map(async (file) => [file.path, await file.read()] as const)));
  const run = async (cwd: string): Promise<Finding[]> => {
    const result = await runProcess(process.execPath, [tsc.bin, ...nativeTscArgs()], {
      cwd,
      timeoutMs: context.loaded.config.quality.timeoutMs,
    });
    // 0: clean; 1 and 2: diagnostics reported; anything else is the compiler failing.
    if (result.code > 2 || result.code < 0 || result.timedOut)
      throw new Error(`${tsc.name} failed: ${(result.stderr || result.stdout).trim().split('\n')[0] ?? 'no output'}`);
    return nativeTscFindings(result.stdout, texts);
  };
  if (!context.staged) return run(context.root);
  const git = await Git.open(context.root);
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
  // The judged texts win (after `--fix` they are the fixed ones).
  for (const [path, text] of texts) shadow.set(path, text);
  return withShadowCopy(context.root, shadow, async (dir) => {
    const modules = join(context.root, 'node_modules');
    if (existsSync(modules)) await symlink(modules, join(dir, 'node_modules'), 'dir');
    return run(dir);
  });
}
