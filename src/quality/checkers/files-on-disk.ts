import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileEnsuringDir } from '../../adapters/file-system.js';
import type { CheckContext } from '../types.js';

/**
 * Gives tools that only read files (mypy, Bandit, Black's check) the content being judged: the
 * work tree itself, or for `--staged` a temporary copy of the staged content under the same
 * relative paths, removed afterwards.
 */
export async function withFilesOnDisk<T>(context: CheckContext, run: (dir: string) => Promise<T>): Promise<T> {
  if (!context.staged) return run(context.root);
  const dir = await mkdtemp(join(tmpdir(), 'br-guard-staged-'));
  try {
    await Promise.all(context.files.map(async (file) => writeFileEnsuringDir(join(dir, file.path), await file.read())));
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Paths relative to the tool's cwd, possibly prefixed `./` or absolute, back to repo paths. */
export function toRepoPath(reported: string, dir: string): string {
  const normal = reported.replace(/\\/g, '/');
  const prefix = `${dir.replace(/\\/g, '/')}/`;
  return (normal.startsWith(prefix) ? normal.slice(prefix.length) : normal).replace(/^\.\//, '');
}

/** The binary to run for an external tool: the injected name (tests), else the tool's own. */
export function toolBinary(context: Pick<CheckContext, 'tools'>, tool: string): string {
  return context.tools[tool] ?? tool;
}
