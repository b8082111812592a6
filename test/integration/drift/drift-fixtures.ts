import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { BrGuardConfig, LoadedConfig } from '../../../src/config/types.js';
import type { Spec, SpecFeature } from '../../../src/domain/spec.js';
import type { DriftDeps } from '../../../src/drift/run-drift-check.js';
import type { TempRepo } from '../../helpers/temp-repo.js';

/** A spec built by hand, so drift is tested without depending on the spec parser. */
export function makeSpec(options: {
  file?: string;
  features?: Array<{ name: string; files: string[] }>;
  dependencies?: string[];
  tools?: string[];
  fileStructure?: string[];
}): Spec {
  const features: SpecFeature[] = (options.features ?? []).map((f, i) => ({
    id: f.name.toLowerCase().replace(/\W+/g, '-'),
    name: f.name,
    complexity: null,
    description: '',
    requirements: [],
    files: f.files,
    fileLines: f.files.map((_, j) => 10 * i + j + 1),
    acceptanceCriteria: [],
    dependsOn: [],
    dependencyTexts: [],
    gate: null,
    line: 10 * i,
  }));
  return {
    file: options.file ?? 'PROJECT_SPEC.md',
    title: 'Test',
    overview: '',
    features,
    techStack: { dependencies: options.dependencies ?? [], tools: options.tools ?? [] },
    performanceRequirements: [],
    fileStructure: options.fileStructure ?? [],
    warnings: [],
  };
}

export function makeConfig(change: (config: BrGuardConfig) => void = () => {}): LoadedConfig {
  const config = defaultConfig();
  change(config);
  return { config, configFile: null, standards: defaultQualityStandards(), standardsFile: null };
}

export async function driftDeps(
  repo: TempRepo,
  spec: Spec | null,
  loaded = makeConfig(),
  extra: Partial<DriftDeps> = {},
): Promise<DriftDeps> {
  return { git: await Git.open(repo.root), loaded, spec, validateSpec: () => ({ valid: true, errors: [], warnings: [] }), ...extra };
}

/** `rule file` (or `rule key`) of each violation, for compact assertions. */
export function summary(result: { violations: Array<{ rule: string; key: string; baselined: boolean; severity: string }> }): string[] {
  return result.violations.map(
    (v) => `${v.rule} ${v.key}${v.baselined ? ' (baselined)' : ''}${v.severity === 'error' ? '' : ` [${v.severity}]`}`,
  );
}
