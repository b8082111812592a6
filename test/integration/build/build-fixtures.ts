import type { Spec, SpecFeature } from '../../../src/domain/spec.js';
import type { BuildTaskConfig, LoadedConfig } from '../../../src/config/types.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';

/** A feature for hand-built specs: id, dependencies, and optional complexity/gate. */
export function feature(id: string, dependsOn: string[] = [], extra: Partial<SpecFeature> = {}): SpecFeature {
  return {
    id,
    name: id.toUpperCase(),
    complexity: null,
    description: '',
    requirements: [],
    files: [],
    fileLines: [],
    acceptanceCriteria: [],
    dependsOn,
    dependencyTexts: dependsOn.map((dep, i) => ({ text: dep, line: 10 + i, resolved: dep })),
    gate: null,
    line: 1,
    ...extra,
  };
}

export function spec(features: SpecFeature[]): Spec {
  return {
    file: 'PROJECT_SPEC.md',
    title: 'T',
    overview: '',
    features,
    techStack: { dependencies: [], tools: [] },
    performanceRequirements: [],
    fileStructure: [],
    warnings: [],
  };
}

export function loaded(tasks: Record<string, BuildTaskConfig> = {}, build: Partial<LoadedConfig['config']['build']> = {}): LoadedConfig {
  const config = defaultConfig();
  config.build = { ...config.build, ...build, tasks };
  return { config, configFile: null, standards: defaultQualityStandards(), standardsFile: null };
}
