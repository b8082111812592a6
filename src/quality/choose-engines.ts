import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrGuardConfig } from '../config/types.js';
import { CONFIG_SEARCH_PLACES } from '../config/find-config-file.js';
import { biomeFormatChecker, biomeLintChecker } from './checkers/biome-checkers.js';
import { biomeInstallHint, findBiome } from './checkers/biome-tools.js';
import { eslintChecker } from './checkers/eslint-checker.js';
import { loadOxfmt, loadOxlint } from './checkers/native-tools.js';
import { oxfmtChecker } from './checkers/oxfmt-checker.js';
import { oxlintChecker } from './checkers/oxlint-checker.js';
import { prettierChecker } from './checkers/prettier-checker.js';
import { projectEngines, type EnginePick, type FormatEngine, type LintEngine } from './project-engines.js';
import type { Checker } from './types.js';

interface Engine {
  checker: Checker;
  /** Resolves when the tool can run here; rejects saying why not. */
  load: (root: string) => Promise<unknown>;
  installHint: string;
}

const engines: Record<LintEngine | FormatEngine | 'biome-format', Engine> = {
  eslint: { checker: eslintChecker, load: async () => undefined, installHint: '' },
  prettier: { checker: prettierChecker, load: async () => undefined, installHint: '' },
  oxlint: { checker: oxlintChecker, load: loadOxlint, installHint: 'npm install --save-dev oxlint' },
  oxfmt: { checker: oxfmtChecker, load: loadOxfmt, installHint: 'npm install --save-dev oxfmt' },
  biome: { checker: biomeLintChecker, load: async (root) => findBiome(root), installHint: biomeInstallHint },
  'biome-format': { checker: biomeFormatChecker, load: async (root) => findBiome(root), installHint: biomeInstallHint },
};

/** The engine checkers beside the defaults, for `--only` and `quality.preCommitChecks`, which may name them. */
export const nativeCheckers: Checker[] = [oxlintChecker, oxfmtChecker, biomeLintChecker, biomeFormatChecker];

/** The checks whose engine the project decides: the lint slot and the format slot. */
const slots: Record<string, 'lint' | 'format'> = { eslint: 'lint', prettier: 'format' };

/**
 * Picks the engines of the lint and format checks (see project-engines.ts): the project's own
 * configs decide (ESLint, oxlint, Biome, Prettier, oxfmt), else `quality.engines`. A tool the
 * project configures but has not installed is `skipped` with its install hint; a native engine
 * that `quality.engines: native` asks for but cannot load gives way to ESLint or Prettier, and
 * the check's reason says so: a fallback is never silent. Each check's reason says why its engine judges.
 */
export async function chooseEngines(checkers: Checker[], root: string, config: BrGuardConfig['quality']): Promise<Checker[]> {
  const picked = projectEngines(root, config.engines);
  const chosen = await Promise.all(
    checkers.map(async (checker): Promise<Checker[]> => {
      const slot = slots[checker.name];
      if (!slot) return [checker];
      if (slot === 'lint')
        return Promise.all(picked.lint.map((pick) => engineFor(pick, pick.engine, root, config.engines, picked.lint.length === 1)));
      const key = picked.format.engine === 'biome' ? 'biome-format' : picked.format.engine;
      return [await engineFor(picked.format, key, root, config.engines, !picked.format.why.includes('; it formats, not'))];
    }),
  );
  // `--only eslint,oxlint` must not run oxlint twice.
  const flat = chosen.flat();
  return flat.filter((checker, index) => flat.findIndex((other) => other.name === checker.name) === index);
}

async function engineFor(
  pick: EnginePick<string>,
  key: keyof typeof engines,
  root: string,
  setting: 'default' | 'native',
  alone: boolean,
): Promise<Checker> {
  const engine = engines[key];
  try {
    await engine.load(root);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/ \(npm install[^)]*\)$/, '') : String(error);
    if (pick.config) return unavailable(engine.checker, `${why}, but the project configures it (${pick.config}): ${engine.installHint}`);
    // quality.engines: native asked for it: the default tool runs, and says why.
    const fallback = key === 'oxlint' ? eslintChecker : prettierChecker;
    return { ...fallback, engineNote: `quality.engines is ${setting}, but ${why}: ${fallback.name} ran instead` };
  }
  return { ...engine.checker, engineNote: noteFor(pick, engine.checker.name, setting, alone) };
}

/**
 * The reason a check shows for its engine. The usual path says nothing: the default tool, alone
 * in its slot, run with the project's own config under `quality.engines: default`.
 */
function noteFor(pick: EnginePick<string>, name: string, setting: string, alone: boolean): string | undefined {
  if (!pick.config) return undefined;
  if (setting === 'default' && alone && (name === 'eslint' || name === 'prettier')) return undefined;
  if (setting === 'native' && name === 'eslint') return `the project configures eslint (${pick.config}), so eslint runs, not oxlint`;
  if (setting === 'native' && name === 'prettier') return `the project configures prettier (${pick.config}), so prettier runs, not oxfmt`;
  return pick.why;
}

/** The checker, run as `skipped` with `reason`: its tool cannot run here. */
function unavailable(checker: Checker, reason: string): Checker {
  return {
    name: checker.name,
    dimension: checker.dimension,
    appliesTo: checker.appliesTo,
    engine: checker.engine ?? checker.name,
    run: async () => ({ findings: [], skipped: reason }),
  };
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

/** Whether the warm-up should leave check `name` alone because another engine seems to replace it. */
export function nativeReplaces(root: string, name: string): boolean {
  const slot = slots[name];
  if (!slot) return false;
  const picked = projectEngines(root, seemsNative(root) ? 'native' : 'default');
  return slot === 'lint' ? !picked.lint.some((pick) => pick.engine === 'eslint') : picked.format.engine !== 'prettier';
}
