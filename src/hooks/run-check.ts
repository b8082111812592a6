import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/types.js';
import { InputError } from '../domain/errors.js';
import type { Spec } from '../domain/spec.js';
import type { CheckedSystem, ReportedSystem, SystemResult, SystemsReport } from '../domain/system-result.js';
import { driftFindings } from '../report/drift-findings.js';
import { gapFindings } from '../report/gap-findings.js';
import { specFindings } from '../report/spec-findings.js';
import { describeDrift, describeGaps, describeQuality } from './describe-results.js';
import { exitCodeFor, runStage, stageExitCode } from './run-stage.js';
import { findSpecFile } from './spec-presence.js';
import { capDetails, type StageOutcome } from './stage-outcome.js';
import type { HookSystems } from './system-deps.js';

/**
 * One stage of `br-guard check --json`: its system's result envelope (`system`, `passed`,
 * `summary`, every finding, `stats`) plus how the stage ran.
 */
export interface CheckStage extends ReportedSystem {
  name: CheckedSystem;
  status: StageOutcome['status'];
  /** What the stage's own command would exit with (null when it did not run). */
  exitCode: number | null;
  /** The command that shows everything about this stage. */
  command: string;
  durationMs: number;
}

export interface CheckReport extends SystemsReport {
  stages: CheckStage[];
}

export interface CheckDeps {
  git: Git;
  loaded: LoadedConfig;
  systems: HookSystems;
  specOverride?: string;
}

/**
 * `br-guard check`: spec validation, then gaps, quality (--all) and drift (--all) side by side,
 * one report. Its exit code is `exitCodeFor` the stages: a bug first, then what blocks, then bad input.
 */
export async function runCheck(deps: CheckDeps): Promise<CheckReport> {
  const { git, loaded, systems } = deps;
  // What each system found, in the one findings model, kept beside the stage's one-line verdict.
  const found: Partial<Record<CheckedSystem, Pick<SystemResult, 'findings' | 'stats'>>> = {};
  const hasSpec = deps.specOverride ?? (await findSpecFile(git, loaded));
  let spec: Spec | null = null;
  const specStage = await runStage('spec', 'br-guard spec validate', async () => {
    if (!hasSpec) throw new InputError('no spec found (PROJECT_SPEC.md or .buildrunner/PROJECT_SPEC.md, or config `spec`)');
    spec = await systems.loadSpec(git, loaded, deps.specOverride);
    const validation = await systems.validateSpec(spec);
    found.spec = {
      findings: specFindings(spec.file, validation),
      stats: { features: spec.features.length, errors: validation.errors.length, warnings: validation.warnings.length },
    };
    if (validation.valid) return { status: 'passed', summary: `${spec.file}: ${spec.features.length} features, valid`, details: [] };
    return {
      status: 'failed',
      summary: `${spec.file}: ${validation.errors.length} error(s)`,
      details: capDetails(validation.errors.map((error) => `${spec!.file}:${error.line}: ${error.message}`)),
    };
  });
  const needsSpec = async (run: (spec: Spec) => Promise<Pick<StageOutcome, 'status' | 'summary' | 'details'>>) => {
    if (!spec) return { status: 'skipped' as const, summary: 'needs a spec that loads (see the spec stage)', details: [] };
    return run(spec);
  };
  const minCompletion = loaded.config.hooks.prePush.minCompletion;
  const [gaps, quality, drift] = await Promise.all([
    runStage('gaps', 'br-guard gaps', () =>
      needsSpec(async (s) => {
        const report = await systems.runGapAnalysis(git, loaded, s, {});
        found.gaps = { findings: gapFindings(report), stats: { completion: report.completion, gaps: report.gaps.length } };
        return describeGaps(report, minCompletion);
      }),
    ),
    runStage('quality', 'br-guard quality check --all', async () => {
      const result = await systems.runQualityCheck(git, loaded, { scope: { kind: 'all' }, fix: false });
      const files = (await git.listFiles()).length;
      found.quality = {
        // Quality's findings are already in the one model (plus the contract's `fixable` and `new`).
        findings: result.findings,
        stats: {
          score: result.score,
          rating: result.rating,
          files,
          checks: result.checks.filter((c) => c.status === 'passed').length,
          baselined: result.findings.filter((f) => f.status === 'baselined').length,
          stale: (result.baseline?.stale ?? []).reduce((sum, entry) => sum + entry.count, 0),
        },
      };
      return describeQuality(result, files, { listSkipped: true });
    }),
    runStage('drift', 'br-guard drift check --all', () =>
      needsSpec(async (s) => {
        const result = await systems.runDriftCheck(git, loaded, s, { kind: 'all' });
        const baselined = result.violations.filter((v) => v.baselined).length;
        found.drift = { findings: driftFindings(result), stats: { violations: result.violations.length, baselined } };
        return describeDrift(result, 'the repository');
      }),
    ),
  ]);
  const outcomes = [specStage, gaps, quality, drift];
  const stages = outcomes.map((outcome): CheckStage => {
    const name = outcome.stage as CheckedSystem;
    return {
      name,
      system: name,
      status: outcome.status,
      passed: outcome.status === 'passed',
      summary: outcome.summary,
      details: outcome.details,
      findings: found[name]?.findings ?? [],
      stats: found[name]?.stats ?? {},
      exitCode: stageExitCode(outcome),
      command: outcome.more ?? '',
      durationMs: outcome.durationMs,
    };
  });
  const exitCode = exitCodeFor(outcomes);
  return { passed: exitCode === 0, exitCode, complete: stages.every((s) => s.status !== 'skipped'), stages };
}
