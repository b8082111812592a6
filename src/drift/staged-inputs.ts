import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Git } from '../adapters/git.js';
import { schemaError } from '../config/schema-errors.js';
import type { LoadedConfig } from '../config/types.js';
import { validateConfig } from '../config/validate-config.js';
import { InputError } from '../domain/errors.js';
import type { Spec } from '../domain/spec.js';
import type { StagedSnapshot } from '../adapters/staged-snapshot.js';
import { indexSnapshot } from './diff/snapshot.js';

export interface StagedInputs {
  loaded: LoadedConfig;
  spec: Spec | null;
  /** The spec's staged text (what the commit will hold), or null when the spec is not in the index. */
  specText: string | null;
}

/**
 * A staged check judges what the commit will contain: the code, and also the spec and the config
 * as staged. A file named in the work-tree spec but not in the staged one is undocumented in the
 * commit. A spec or config that git does not track (ignored, outside the repo) has no staged
 * version and stays as read. A JavaScript config is kept as loaded: running a staged script to
 * read it would be worse than judging by the work-tree one.
 */
export async function stagedInputs(git: Git, loaded: LoadedConfig, spec: Spec | null, staged: StagedSnapshot): Promise<StagedInputs> {
  const snapshot = indexSnapshot(staged);
  const files = await snapshot.files();
  const configPath = loaded.configFile ? git.relativePath(loaded.configFile) : null;
  const wanted = [configPath, spec?.file ?? null].filter((path): path is string => path !== null && files.has(path));
  if (wanted.length === 0) return { loaded, spec, specText: null };
  const texts = await snapshot.readMany(wanted);
  const configText = configPath === null ? null : (texts.get(configPath) ?? null);
  const specText = spec ? (texts.get(spec.file) ?? null) : null;
  const stagedLoaded =
    configText !== null && configPath !== null && !(await sameAsLoaded(loaded, configText))
      ? await stagedConfig(loaded, configPath, configText)
      : loaded;
  if (!spec || specText === null) return { loaded: stagedLoaded, spec, specText: null };
  const { parseSpecLazily } = await import('../spec/parse-spec-lazily.js');
  return { loaded: stagedLoaded, spec: await parseSpecLazily(specText, spec.file), specText };
}

/** Whether the staged config is the very text the work-tree config was loaded from (then it is not parsed again). */
async function sameAsLoaded(loaded: LoadedConfig, stagedText: string): Promise<boolean> {
  if (!loaded.configFile) return false;
  return (await readFile(loaded.configFile, 'utf8').catch(() => null)) === stagedText;
}

/** The config as staged, validated like the work-tree one; errors name the file as staged. */
async function stagedConfig(loaded: LoadedConfig, path: string, text: string): Promise<LoadedConfig> {
  const name = basename(path);
  if (!['.json', '.yaml', '.yml'].includes(extname(name)) && name !== '.br-guardrc') return loaded;
  try {
    return await parseStagedConfig(loaded, path, text);
  } catch (error) {
    // The work-tree file may be fine already: say that it is the staged version that is not.
    if (error instanceof InputError)
      throw new InputError(`as staged: ${error.message} (stage the fix with \`git add ${path}\`)`, error.location);
    throw error;
  }
}

async function parseStagedConfig(loaded: LoadedConfig, path: string, text: string): Promise<LoadedConfig> {
  const name = basename(path);
  const { parseYamlSource } = await import('../config/yaml-source.js');
  const source = parseYamlSource(text, path);
  const inPackage = name === 'package.json';
  const input = inPackage ? (source.value as Record<string, unknown> | null)?.['br-guard'] : source.value;
  // Staged without our key: the commit has no config; the defaults judge it.
  const result = validateConfig(input ?? {});
  if (result.problems.length > 0) {
    throw schemaError(result.problems, path, (keys) => source.lineOf(inPackage ? ['br-guard', ...keys] : keys));
  }
  return { ...loaded, config: result.value };
}
