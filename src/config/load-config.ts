import { defaultConfig } from './defaults.js';
import { findConfigFile } from './find-config-file.js';
import { loadQualityStandards } from './load-quality-standards.js';
import { schemaError } from './schema-errors.js';
import type { BrGuardConfig, LoadedConfig } from './types.js';
import { validateConfig } from './validate-config.js';
export type { LoadedConfig } from './types.js';

/**
 * Loads the br-guard config (cosmiconfig `br-guard`, searched in the repo root) and the quality
 * standards, validates both against their schemas and fills in defaults. Any problem is an
 * `InputError` naming the file, the key and its line (exit 2).
 * @param root absolute path of the repo root
 */
export async function loadConfig(root: string): Promise<LoadedConfig> {
  const [found, standards] = await Promise.all([findConfigFile(root), loadQualityStandards(root)]);
  let config: BrGuardConfig = defaultConfig();
  const sources: Record<string, string | null> = {};
  if (found) {
    const input = found.value ?? {};
    const result = validateConfig(input);
    if (result.problems.length > 0) throw schemaError(result.problems, found.displayPath, found.lineOf);
    config = result.value;
    if (typeof input === 'object' && input !== null) for (const key of Object.keys(input)) sources[key] = found.file;
  }
  for (const key of Object.keys(config)) sources[key] ??= null;
  const standardsSources: Record<string, string | null> = {};
  for (const key of Object.keys(standards.standards)) standardsSources[key] = standards.keys.includes(key) ? standards.file : null;
  return {
    config,
    configFile: found?.file ?? null,
    standards: standards.standards,
    standardsFile: standards.file,
    ...(standards.warnings.length > 0 ? { warnings: standards.warnings } : {}),
    sources: { config: sources, standards: standardsSources },
  };
}
