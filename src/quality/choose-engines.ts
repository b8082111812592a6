import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrGuardConfig } from '../config/types.js';
import { CONFIG_SEARCH_PLACES } from '../config/find-config-file.js';
import { eslintConfigNames } from './checkers/eslint-loader.js';
import { loadOxfmt, loadOxlint } from './checkers/native-tools.js';
import { oxfmtChecker } from './checkers/oxfmt-checker.js';
import { oxlintChecker } from './checkers/oxlint-checker.js';
import { prettierConfigNames } from './checkers/prettier-config-names.js';
import type { Checker } from './types.js';

interface NativeSlot {
  native: Checker;
  load: (root: string) => Promise<unknown>;
  /** The project's own config file for the default tool, or null: a project that has one keeps its tool. */
  ownConfig: (root: string) => string | null;
}

/** The default tools that `quality.engines: native` replaces, by check name. */
const slots: Record<string, NativeSlot> = {
  eslint: {
    native: oxlintChecker,
    load: loadOxlint,
    ownConfig: (root) => eslintConfigNames.find((name) => existsSync(join(root, name))) ?? null,
  },
  prettier: { native: oxfmtChecker, load: loadOxfmt, ownConfig: ownPrettierConfig },
};

/** The native checkers, for `--only` and `quality.preCommitChecks`, which may name them. */
export const nativeCheckers: Checker[] = [oxlintChecker, oxfmtChecker];

/**
 * Picks the engine of each lint and format check. With `quality.engines: native`, ESLint and
 * Prettier give way to oxlint and oxfmt, unless the project configures ESLint or Prettier itself
 * (its tools, its rules) or the native binary cannot load here: then the default tool runs and
 * its check's reason says why, so a fallback is never silent.
 */
export async function chooseEngines(checkers: Checker[], root: string, config: BrGuardConfig['quality']): Promise<Checker[]> {
  if (config.engines !== 'native') return checkers;
  const chosen = await Promise.all(
    checkers.map(async (checker): Promise<Checker> => {
      const slot = slots[checker.name];
      if (!slot) return checker;
      const own = slot.ownConfig(root);
      if (own)
        return {
          ...checker,
          engineNote: `the project configures ${checker.name} (${own}), so ${checker.name} runs, not ${slot.native.name}`,
        };
      try {
        await slot.load(root);
        return slot.native;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return { ...checker, engineNote: `quality.engines is native, but ${why}: ${checker.name} ran instead` };
      }
    }),
  );
  // `--only eslint,oxlint` must not run oxlint twice.
  return chosen.filter((checker, index) => chosen.indexOf(checker) === index);
}

/**
 * Whether the br-guard config at `root` seems to set `quality.engines: native`, read without
 * loading the config. Only the background warm-up uses this guess (to skip loading ESLint that
 * oxlint would replace): a wrong guess costs one background load, never a result.
 */
export function seemsNative(root: string): boolean {
  for (const name of CONFIG_SEARCH_PLACES) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    try {
      if (/\bengines["']?\s*[:=]\s*["']?native\b/.test(readFileSync(path, 'utf8'))) return true;
    } catch {
      // Unreadable here: the config loader reports it later.
    }
  }
  return false;
}

/** Whether the warm-up should leave check `name` alone because a native engine seems to replace it. */
export function nativeReplaces(root: string, name: string): boolean {
  const slot = slots[name];
  return slot !== undefined && slot.ownConfig(root) === null && seemsNative(root);
}

function ownPrettierConfig(root: string): string | null {
  const found = prettierConfigNames.find((name) => existsSync(join(root, name)));
  if (found) return found;
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { prettier?: unknown };
    return manifest.prettier !== undefined ? 'package.json#prettier' : null;
  } catch {
    return null;
  }
}
