import { readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { InputError } from '../domain/errors.js';
import { pathExists, readUserTextFile } from '../adapters/file-system.js';
import type { YamlSource } from './yaml-source.js';
import type { KeyPath } from './validate-schema.js';

/** The config files cosmiconfig looks for, in this order, in the repo root only. */
export const CONFIG_SEARCH_PLACES = [
  'package.json',
  '.br-guardrc',
  '.br-guardrc.json',
  '.br-guardrc.yaml',
  '.br-guardrc.yml',
  'br-guard.config.js',
  'br-guard.config.mjs',
  'br-guard.config.cjs',
];

export interface FoundConfig {
  /** Absolute path. */
  file: string;
  /** Relative to the repo root, with `/`. */
  displayPath: string;
  value: unknown;
  /** Line of a key path, when the file is YAML/JSON. */
  lineOf: (path: KeyPath) => number | undefined;
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Finds the config with cosmiconfig (name `br-guard`) in the repo root. YAML and JSON files are
 * read by our own loader so that bad bytes are refused and every key keeps its line.
 */
export async function findConfigFile(root: string): Promise<FoundConfig | null> {
  if (!(await mayHoldConfig(root))) return null;
  const { cosmiconfig, defaultLoaders } = await import('cosmiconfig');
  const sources = new Map<string, YamlSource>();
  const display = (file: string): string => relative(root, file).split(sep).join('/');
  const loadYaml = async (file: string): Promise<unknown> => {
    const text = await readUserTextFile(file, { displayPath: display(file), maxBytes: MAX_CONFIG_BYTES });
    // A package.json without our key: an object without the property, so cosmiconfig searches on.
    if (basename(file) === 'package.json' && !text.includes('"br-guard"')) return {};
    // `yaml` is loaded only when there is a YAML/JSON file to read.
    const { parseYamlSource } = await import('./yaml-source.js');
    const source = parseYamlSource(text, display(file));
    sources.set(file, source);
    return source.value;
  };
  const explorer = cosmiconfig('br-guard', {
    searchPlaces: CONFIG_SEARCH_PLACES,
    searchStrategy: 'none',
    cache: false,
    loaders: {
      ...defaultLoaders,
      '.json': loadYaml,
      '.yaml': loadYaml,
      '.yml': loadYaml,
      noExt: loadYaml,
    },
  });
  let result;
  try {
    result = await explorer.search(root);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const file = (error as { filepath?: string }).filepath;
    throw new InputError(`cannot load config: ${(error as Error).message.split('\n')[0]}`, file ? { file: display(file) } : undefined);
  }
  if (!result || result.isEmpty) return null;
  const source = sources.get(result.filepath);
  const prefix: KeyPath = basename(result.filepath) === 'package.json' ? ['br-guard'] : [];
  return {
    file: result.filepath,
    displayPath: display(result.filepath),
    value: result.config as unknown,
    lineOf: (path) => source?.lineOf([...prefix, ...path]),
  };
}

/**
 * Whether any search place could hold a config. Checked before loading cosmiconfig (~50 ms of
 * module loading), which hooks in repositories without a config should not pay.
 */
async function mayHoldConfig(root: string): Promise<boolean> {
  const present = await Promise.all(
    CONFIG_SEARCH_PLACES.map(async (place) => {
      if (place !== 'package.json') return pathExists(join(root, place));
      try {
        return (await readFile(join(root, place), 'utf8')).includes('"br-guard"');
      } catch {
        return false;
      }
    }),
  );
  return present.some(Boolean);
}
