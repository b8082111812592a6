import type { Finding } from '../domain/findings.js';
import { compareFindings } from '../domain/findings.js';
import type { QualityStandards } from '../config/types.js';
import type { CheckerRun } from './run-checkers.js';
import type { TouchedLines } from './scope/touched-lines.js';
import { dimensionScore, overallScore, rating } from './score.js';
import type { CheckReport, CheckStatus, DimensionReport, QualityFinding, QualityResult, QualityScope } from './types.js';

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
}

/** Turns checker runs into the contract's result: statuses, `new` flags, scores and the verdict. */
export function assembleResult(input: AssembleInput): QualityResult {
  const { runs, standards, touched } = input;
  const isNew = (finding: Finding): boolean => {
    if (!touched || !finding.file) return true;
    const lines = touched.get(finding.file);
    if (!lines) return false;
    return finding.line === null || lines.has(finding.line);
  };
  const findings: QualityFinding[] = [];
  const checks: CheckReport[] = [];
  const byDimension = new Map<string, { severities: Finding['severity'][]; files: Set<string>; count: number; measured?: number }>();
  for (const run of runs) {
    const own = run.outcome.findings.map((finding) => toQualityFinding(finding, isNew(finding), run.outcome.fixable));
    findings.push(...own);
    const status = statusOf(run, own);
    checks.push({
      name: run.checker.name,
      engine: run.checker.engine ?? run.checker.name,
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
  for (const [name, entry] of [...byDimension].sort(([a], [b]) => a.localeCompare(b))) {
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
  findings.sort((a, b) => compareFindings(a as unknown as Finding, b as unknown as Finding));
  return {
    score,
    rating: rating(score),
    passed: failures.length === 0,
    dimensions,
    checks: checks.sort((a, b) => a.name.localeCompare(b.name)),
    findings,
    scope: input.scope,
    filesChecked: input.lineCounts.size,
    linesChecked: [...input.lineCounts.values()].reduce((a, b) => a + b, 0),
    fixed: input.fixed,
    fixNotes: input.fixNotes,
    fixConflicts: input.fixConflicts ?? [],
    failures,
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

function toQualityFinding(finding: Finding, isNew: boolean, fixable: Set<string> | undefined): QualityFinding {
  return {
    check: finding.check,
    rule: finding.rule,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    message: finding.message,
    fixable: fixable?.has(finding.fingerprint) ?? false,
    new: isNew,
    fingerprint: finding.fingerprint,
  };
}

function statusOf(run: CheckerRun, findings: QualityFinding[]): CheckStatus {
  if (run.error) return 'error';
  if (run.outcome.skipped) return 'skipped';
  return findings.some((finding) => finding.new && finding.severity !== 'info') ? 'failed' : 'passed';
}

function reasonOf(run: CheckerRun): string | null {
  return run.error ?? run.outcome.skipped ?? run.outcome.note ?? run.checker.engineNote ?? null;
}
