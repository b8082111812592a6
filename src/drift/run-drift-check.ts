import type { Git } from '../adapters/git.js';
import { StagedSnapshot } from '../adapters/staged-snapshot.js';
import type { LoadedConfig } from '../config/types.js';
import type { Spec, SpecValidation } from '../domain/spec.js';
import { applyBaseline, readDriftBaseline } from './baseline/drift-baseline.js';
import { analyzeChange } from './diff/analyze-change.js';
import type { EndpointExtractor } from './endpoint-extractor.js';
import { allRules, invalidSpecRuleId, ruleIds } from './rules/all-rules.js';
import { levelToSeverity, ruleLevel } from './rules/rule-severity.js';
import type { DriftAnalysis } from './rules/drift-rule.js';
import type { DriftChangeSummary, DriftResult, DriftScope, DriftViolation } from './types.js';

export interface DriftDeps {
  git: Git;
  loaded: LoadedConfig;
  /** The spec to check against; null when the project has none (spec-based rules then stay quiet). */
  spec: Spec | null;
  /** Defaults to the spec system's validator. */
  validateSpec?: (spec: Spec) => SpecValidation;
  /** Defaults to the gap analyzer's scanner; null checks no endpoints. */
  extractEndpoints?: EndpointExtractor | null;
}

export interface DriftOptions {
  scope: DriftScope;
  /** Apply `.buildrunner/drift-baseline.json` (default true; `drift baseline` turns it off). */
  useBaseline?: boolean;
}

/**
 * Checks a change (or the whole tree) against the spec and the architecture config. The spec is
 * validated first: an invalid spec fails the check with its errors, since every other rule would
 * judge against something broken. Returns data; the CLI decides what to print and the exit code.
 */
export async function runDriftCheck(deps: DriftDeps, options: DriftOptions): Promise<DriftResult> {
  const { git } = deps;
  // A staged check reads the spec and the config from the index, as it reads the code: all of
  // them through one snapshot (the hook's, or one taken here).
  const scope: DriftScope =
    options.scope.kind === 'staged'
      ? { kind: 'staged', snapshot: options.scope.snapshot ?? (await StagedSnapshot.take(git)) }
      : options.scope;
  const staged =
    scope.kind === 'staged' ? await (await import('./staged-inputs.js')).stagedInputs(git, deps.loaded, deps.spec, scope.snapshot!) : null;
  const loaded = staged?.loaded ?? deps.loaded;
  const spec = staged?.spec ?? deps.spec;
  const rules = loaded.config.architecture.rules;
  const violations: DriftViolation[] = [];

  const specLevel = ruleLevel(rules, invalidSpecRuleId, 'error');
  if (spec && specLevel !== 'off') {
    const validate = deps.validateSpec ?? (await import('../spec/validate-spec.js')).validateSpec;
    const validation = validate(spec);
    if (!validation.valid) {
      for (const error of validation.errors) {
        violations.push({
          rule: invalidSpecRuleId,
          severity: levelToSeverity(specLevel),
          file: spec.file,
          line: error.line || null,
          message: `${error.message}: fix ${spec.file} (run \`br-guard spec validate\`) before drift can be checked against it`,
          baselined: false,
          key: `${error.line}:${error.message}`,
        });
      }
      if (specLevel === 'error') return finish(git, violations, scope, null, options.useBaseline !== false);
    }
  }

  const cycleLevel = ruleLevel(rules, 'import-cycle', 'error');
  const analysis = await analyzeChange(
    { git, loaded, spec, specText: staged?.specText ?? null },
    {
      scope,
      cycles: cycleLevel !== 'off',
      ruleIds: [...ruleIds],
      extractEndpoints:
        deps.extractEndpoints === undefined ? (await import('./gap-scanner-endpoints.js')).gapScannerEndpoints : deps.extractEndpoints,
    },
  );
  for (const rule of allRules) {
    const level = ruleLevel(rules, rule.id, rule.defaultLevel);
    if (level === 'off') continue;
    for (const raw of rule.check(analysis)) {
      violations.push({ rule: rule.id, severity: levelToSeverity(level), ...raw, baselined: false });
    }
  }
  return finish(git, violations, scope, analysis, options.useBaseline !== false);
}

function summarize(analysis: DriftAnalysis | null): DriftChangeSummary {
  const count = (status: string): number => analysis?.changes.filter((c) => c.status === status).length ?? 0;
  const dependency = (d: { ecosystem: string; name: string }): string => `${d.ecosystem}:${d.name}`;
  return {
    filesAdded: count('added'),
    filesRemoved: count('deleted'),
    filesRenamed: count('renamed'),
    importsAdded: analysis?.addedEdges.length ?? 0,
    importsRemoved: analysis?.removedImports ?? 0,
    dependenciesAdded: (analysis?.addedDependencies ?? []).map(dependency),
    dependenciesRemoved: (analysis?.removedDependencies ?? []).map(dependency),
    endpointsAdded: (analysis?.addedEndpoints ?? []).map((e) => `${e.method} ${e.path}`),
  };
}

async function finish(
  git: Git,
  found: DriftViolation[],
  scope: DriftScope,
  analysis: DriftAnalysis | null,
  useBaseline: boolean,
): Promise<DriftResult> {
  const baseline = useBaseline ? await readDriftBaseline(git.root) : null;
  const applied = applyBaseline(found, baseline);
  const violations = applied.violations.map(({ rule, severity, file, line, message, baselined, key }) => ({
    rule,
    severity,
    file,
    line,
    message,
    baselined,
    key,
  }));
  const open = violations.filter((v) => !v.baselined);
  return {
    passed: !open.some((v) => v.severity === 'error'),
    violations,
    // Outside a whole-tree check, "not found" only means "not in this change".
    stale: scope.kind === 'all' ? applied.stale : [],
    scope: scope.kind === 'range' ? { kind: 'range', from: scope.from, to: scope.to } : { kind: scope.kind },
    specChanged: analysis?.specChanged ?? false,
    summary: {
      errors: open.filter((v) => v.severity === 'error').length,
      warnings: open.filter((v) => v.severity === 'warning').length,
      infos: open.filter((v) => v.severity === 'info').length,
      baselined: violations.length - open.length,
      filesChecked: analysis?.files.length ?? 0,
    },
    changes: summarize(analysis),
  };
}
