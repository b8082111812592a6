import { relative, sep } from 'node:path';
import type { BrGuardConfig, LoadedConfig, QualityStandards } from './types.js';

/** What `br-guard config --json` prints: the resolved values and, per top-level key, its file. */
export interface DescribedConfig {
  config: BrGuardConfig;
  configFile: string | null;
  standards: QualityStandards;
  standardsFile: string | null;
  sources: { config: Record<string, string | null>; standards: Record<string, string | null> };
  /** What the files hold that br-guard ignores (a BuildRunner 3 standards file's extra sections). */
  warnings: string[];
}

/** The loaded config with every path made relative to the repo root (null = built-in default). */
export function describeLoadedConfig(root: string, loaded: LoadedConfig): DescribedConfig {
  const rel = (file: string | null): string | null => (file === null ? null : relative(root, file).split(sep).join('/'));
  const relAll = (record: Record<string, string | null> | undefined, keys: string[]): Record<string, string | null> =>
    Object.fromEntries(keys.map((key) => [key, rel(record?.[key] ?? null)]));
  return {
    config: loaded.config,
    configFile: rel(loaded.configFile),
    standards: loaded.standards,
    standardsFile: rel(loaded.standardsFile),
    sources: {
      config: relAll(loaded.sources?.config, Object.keys(loaded.config)),
      standards: relAll(loaded.sources?.standards, Object.keys(loaded.standards)),
    },
    warnings: loaded.warnings ?? [],
  };
}
