import { compareFindings, type Finding, type FindingStatus } from '../domain/findings.js';
import type { QualityStandards } from '../config/types.js';
import type { QualityBaselineReport } from './baseline/apply-quality-baseline.js';
import type { CheckerRun } from './run-checkers.js';
import type { TouchedLines } from './scope/touched-lines.js';
import { dimensionScore, overallScore, rating } from './score.js';
import type { CheckReport, CheckStatus, DimensionReport, QualityFinding, QualityResult, QualityScope } from './types.js';
import { compareText } from '../domain/compare-text.js';

export interface AssembleInput {
  runs: CheckerRun[];
  standards: QualityStandards;
  /** Touched lines under hold the line; null when every finding counts as new. */
  touched: TouchedLines | null;
  lineCounts: Map<string, number>;
  scope: QualityScope['kind'];
  fixed: string[];
  fixNotes: string[];
  fixConflicts?: string[];
  /** What the quality baseline accepted (its findings arrive already `baselined`). */
  baseline?: QualityBaselineReport | null;
}

/** Turns checker runs into the contract's result: statuses, `new` flags, scores and the verdict. */
export function assembleResult(input: AssembleInput): QualityResult {
  const { runs, standards, touched } = input;
  // Hold the line: under a change scope, a finding on a line the change did not touch is old.
  // A baseline's verdict (a checker's `baselined`) stands whatever the line.
  const statusOf = (finding: Finding): FindingStatus => {
    if (finding.status === 'baselined') return 'baselined';
    if (!touched || !finding.file) return 'new';
    const lines = touched.get(finding.file);
    return lines && (finding.line === null || lines.has(finding.line)) ? 'new' : 'old';
  };
  const findings: QualityFinding[] = [];
  const checks: CheckReport[] = [];
  const byDimension = new Map<string, { severities: Finding['severity'][]; files: Set<string>; count: number; measured?: number }>();
  for (const run of runs) {
    const own = run.outcome.findings.map((finding) => toQualityFinding(finding, statusOf(finding), run.outcome.fixable));
    findings.push(...own);
    const status = checkStatus(run, own);
    checks.push({
      name: run.checker.name,
      engine: run.outcome.engine ?? run.checker.engine ?? run.checker.name,
      status,
      reason: reasonOf(run),
      durationMs: run.durationMs,
    });
    if (status === 'skipped' || status === 'error') continue;
    const entry = byDimension.get(run.checker.dimension) ?? { severities: [], files: new Set<string>(), count: 0 };
    for (const file of run.files) entry.files.add(file.path);
    for (const finding of own) {
      if (!finding.new) continue;
      entry.severities.push(finding.severity);
      entry.count++;
    }
    if (run.outcome.measured !== undefined) entry.measured = run.outcome.measured;
    byDimension.set(run.checker.dimension, entry);
  }
  const dimensions: Record<string, DimensionReport> = {};
  const scores: Record<string, number> = {};
  for (const [name, entry] of [...byDimension].sort(([a], [b]) => compareText(a, b))) {
    const lines = [...entry.files].reduce((sum, path) => sum + (input.lineCounts.get(path) ?? 0), 0);
    const score = dimensionScore({
      severities: entry.severities,
      lines,
      ...(entry.measured !== undefined ? { measured: entry.measured } : {}),
    });
    const config = standards.dimensions[name] ?? { minScore: 0, weight: 1 };
    scores[name] = score;
    dimensions[name] = { score, findings: entry.count, minScore: config.minScore, weight: config.weight, rating: rating(score) };
  }
  const score = overallScore(scores, standards);
  const failures = gateFailures(score, dimensions, findings, checks, standards);
  findings.sort(compareFindings);
  return {
    score,
    rating: rating(score),
    passed: failures.length === 0,
    dimensions,
    checks: checks.sort((a, b) => compareText(a.name, b.name)),
    findings,
    scope: input.scope,
    filesChecked: input.lineCounts.size,
    linesChecked: [...input.lineCounts.values()].reduce((a, b) => a + b, 0),
    fixed: input.fixed,
    fixNotes: input.fixNotes,
    fixConflicts: input.fixConflicts ?? [],
    failures,
    baseline: input.baseline ?? null,
  };
}

function gateFailures(
  score: number,
  dimensions: Record<string, DimensionReport>,
  findings: QualityFinding[],
  checks: CheckReport[],
  standards: QualityStandards,
): string[] {
  const failures: string[] = [];
  if (score < standards.gates.minScore) failures.push(`overall score ${score} is below ${standards.gates.minScore}`);
  for (const [name, dimension] of Object.entries(dimensions)) {
    if (dimension.score < dimension.minScore) failures.push(`${name} score ${dimension.score} is below ${dimension.minScore}`);
  }
  const newErrors = findings.filter((finding) => finding.new && finding.severity === 'error').length;
  if (newErrors) failures.push(`${newErrors} new error-severity finding${newErrors === 1 ? '' : 's'}`);
  for (const check of checks) if (check.status === 'error') failures.push(`check ${check.name} could not run: ${check.reason}`);
  return failures;
}

/**
 * Quality's one conversion: a checker's finding judged (its status), with the contract's flags and
 * a fix where a fixer has one. The contract's fields come first, in the contract's order; the shared
 * model's own (`system`, `status`, `fix`) follow.
 */
function toQualityFinding(finding: Finding, status: FindingStatus, fixable: Set<string> | undefined): QualityFinding {
  const canFix = fixable?.has(finding.fingerprint) ?? false;
  const { check, rule, severity, file, line, column, message, fingerprint } = finding;
  return {
    check,
    rule,
    severity,
    file,
    line,
    column,
    message,
    fixable: canFix,
    new: status === 'new',
    fingerprint,
    system: 'quality',
    status,
    ...(canFix ? { fix: { description: `${check} can fix this: br-guard quality check --fix`, ...(file ? { file } : {}) } } : {}),
  };
}

function checkStatus(run: CheckerRun, findings: QualityFinding[]): CheckStatus {
  if (run.error) return 'error';
  if (run.outcome.skipped) return 'skipped';
  return findings.some((finding) => finding.new && finding.severity !== 'info') ? 'failed' : 'passed';
}

function reasonOf(run: CheckerRun): string | null {
  return run.error ?? run.outcome.skipped ?? run.outcome.note ?? run.checker.engineNote ?? null;
}
