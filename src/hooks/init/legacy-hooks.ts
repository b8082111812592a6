import { access, constants, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Git } from '../../adapters/git.js';
import type { LegacyHook } from './hook-script.js';

/**
 * The hook git runs today for `hook`, if it is not husky's or br-guard's: from a previous
 * `core.hooksPath` (another hook manager) or from `.git/hooks`. Setting husky's hooksPath would
 * silently stop it, so init chains it instead.
 */
export async function findLegacyHook(
  git: Git,
  previousHooksPath: string | null,
  huskyDir: string,
  hook: string,
): Promise<LegacyHook | null> {
  let dir: string;
  let expression: string;
  let description: string;
  if (previousHooksPath && previousHooksPath.replace(/\/$/, '') !== `${huskyDir}/_`) {
    dir = isAbsolute(previousHooksPath) ? previousHooksPath : join(git.root, previousHooksPath);
    expression = shellQuote(`${previousHooksPath.replace(/\/$/, '')}/${hook}`);
    description = `core.hooksPath was ${previousHooksPath}`;
  } else if (!previousHooksPath) {
    dir = join(git.commonDir, 'hooks');
    expression = `"$(git rev-parse --git-common-dir)/hooks/${hook}"`;
    description = `.git/hooks/${hook}`;
  } else {
    return null;
  }
  const path = join(dir, hook);
  try {
    await access(path, constants.X_OK);
  } catch {
    return null;
  }
  const text = await readFile(path, 'utf8').catch(() => '');
  if (text.includes('husky') || text.includes('br-guard')) return null;
  return { pathExpression: expression, description };
}

/** Single-quotes a value for sh. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
