// SCAFFOLD (replaced by the config loader with schema validation): defaults only.
import { defaultConfig, defaultQualityStandards } from './defaults.js';
import type { LoadedConfig } from './types.js';
export type { LoadedConfig } from './types.js';

export async function loadConfig(root: string): Promise<LoadedConfig> {
  void root;
  return { config: defaultConfig(), configFile: null, standards: defaultQualityStandards(), standardsFile: null };
}
