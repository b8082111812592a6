import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Git } from '../../adapters/git.js';
import { UserError } from '../../domain/errors.js';

/**
 * Installs husky 9 with its own Node API (`husky(dir)`: sets `core.hooksPath` to `<dir>/_` and
 * writes the `_` stubs and their `.gitignore`). husky works relative to the current directory
 * and needs `.git` there, so it runs with the repository root as cwd (a linked worktree's root
 * has a `.git` file, which husky accepts). Returns false when husky was already installed there.
 */
export async function installHusky(git: Git, huskyDir: string): Promise<boolean> {
  const expected = `${huskyDir}/_`;
  const current = (await git.run(['config', '--get', 'core.hooksPath'], { allowFailure: true })).stdout.trim();
  const runtime = fileURLToPath(new URL('husky', import.meta.resolve('husky')));
  const [installed, shipped] = await Promise.all([
    readFile(join(git.root, expected, 'h'), 'utf8').catch(() => null),
    readFile(runtime, 'utf8'),
  ]);
  if (current === expected && installed === shipped) return false;
  const { default: husky } = (await import('husky')) as { default: (dir?: string) => string };
  const previous = process.cwd();
  const savedHusky = process.env.HUSKY;
  // `HUSKY=0` means "skip install" to husky; `br-guard init` is an explicit request to install.
  delete process.env.HUSKY;
  process.chdir(git.root);
  let message: string;
  try {
    message = husky(huskyDir);
  } finally {
    process.chdir(previous);
    if (savedHusky !== undefined) process.env.HUSKY = savedHusky;
  }
  if (message) throw new UserError(`husky could not be installed: ${message.trim()}`);
  return true;
}
