import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eslintConfigNames } from './checkers/eslint-loader.js';
import { prettierConfigNames } from './checkers/prettier-config-names.js';

export type LintEngine = 'eslint' | 'oxlint' | 'biome';
export type FormatEngine = 'prettier' | 'oxfmt' | 'biome';

/** An engine and why it judges this project, as `doctor` and a check's reason say it. */
export interface EnginePick<E extends string> {
  engine: E;
  /** The project's config file that chose it, or null when `quality.engines` did. */
  config: string | null;
  why: string;
}

export interface ProjectEngines {
  /** Every lint engine that runs (the project may configure ESLint and oxlint both: both run). */
  lint: EnginePick<LintEngine>[];
  /** The one formatter that judges. */
  format: EnginePick<FormatEngine>;
}

/** oxlint's config files at the root (a JS/TS config needs a Node that can import it). */
export const oxlintConfigNames = [
  '.oxlintrc.json',
  '.oxlintrc.jsonc',
  'oxlint.config.ts',
  'oxlint.config.mts',
  'oxlint.config.cts',
  'oxlint.config.js',
  'oxlint.config.mjs',
  'oxlint.config.cjs',
];
export const oxfmtConfigNames = ['.oxfmtrc.json', '.oxfmtrc.jsonc'];
export const biomeConfigNames = ['biome.json', 'biome.jsonc'];

/** Which of a tool's config files exist at the root: the first found, or null. */
export type ConfigLookup = (names: readonly string[]) => string | null;

/**
 * Decides the lint and format engines: what the project configures wins, whatever
 * `quality.engines` says. Every configured linter runs (ESLint, oxlint, Biome); one formatter
 * judges, by precedence Prettier > oxfmt > Biome, since two formatters would fight over each
 * file. Without a config of the project's own, `quality.engines` picks (default: ESLint and
 * Prettier; native: oxlint and oxfmt).
 */
export function pickEngines(find: ConfigLookup, engines: 'default' | 'native', hasPrettierKey = false): ProjectEngines {
  const eslint = find(eslintConfigNames);
  const oxlint = find(oxlintConfigNames);
  const biome = find(biomeConfigNames);
  const own = (engine: string, config: string) => `the project configures ${engine} (${config})`;
  const lint: EnginePick<LintEngine>[] = [];
  if (eslint) lint.push({ engine: 'eslint', config: eslint, why: own('eslint', eslint) });
  if (oxlint) lint.push({ engine: 'oxlint', config: oxlint, why: own('oxlint', oxlint) });
  if (biome) lint.push({ engine: 'biome', config: biome, why: own('biome', biome) });
  if (!lint.length) lint.push(byEngines(engines === 'native' ? 'oxlint' : 'eslint', engines));
  const prettier = find(prettierConfigNames) ?? (hasPrettierKey ? 'package.json#prettier' : null);
  const oxfmt = find(oxfmtConfigNames);
  const formatters: [FormatEngine, string | null][] = [
    ['prettier', prettier],
    ['oxfmt', oxfmt],
    ['biome', biome],
  ];
  const configured = formatters.filter((entry): entry is [FormatEngine, string] => entry[1] !== null);
  const first = configured[0];
  let format: EnginePick<FormatEngine>;
  if (first) {
    const passed = configured.slice(1).map(([engine, config]) => `${engine} (${config})`);
    const why = own(first[0], first[1]) + (passed.length ? `; it formats, not ${passed.join(' or ')}: one formatter judges` : '');
    format = { engine: first[0], config: first[1], why };
  } else format = byEngines(engines === 'native' ? 'oxfmt' : 'prettier', engines);
  return { lint, format };
}

function byEngines<E extends string>(engine: E, engines: string): EnginePick<E> {
  return {
    engine,
    config: null,
    why: engines === 'native' ? 'quality.engines is native' : 'no lint or format config of its own: quality.engines default',
  };
}

/** The engines for the project at `root`, looking for config files in its work tree. */
export function projectEngines(root: string, engines: 'default' | 'native'): ProjectEngines {
  const find: ConfigLookup = (names) => names.find((name) => existsSync(join(root, name))) ?? null;
  return pickEngines(find, engines, hasPrettierKey(root));
}

function hasPrettierKey(root: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { prettier?: unknown }).prettier !== undefined;
  } catch {
    return false;
  }
}
