import { capDetails, location, plural, type StageOutcome } from './stage-outcome.js';
import type { DriftResult } from '../drift/types.js';
import type { GapReport } from '../gaps/types.js';
import type { QualityResult } from '../quality/types.js';

type Partial = Pick<StageOutcome, 'status' | 'summary' | 'details'>;

/** A quality result as a stage line; blocking findings (errors) as details. */
export function describeQuality(
  result: Pick<QualityResult, 'passed' | 'score' | 'rating' | 'checks' | 'findings'>,
  fileCount: number,
): Partial {
  const blocking = result.findings.filter((finding) => finding.severity === 'error' && finding.status === 'new');
  if (result.passed) {
    const passed = result.checks.filter((check) => check.status === 'passed');
    return {
      status: 'passed',
      summary: `score ${Math.round(result.score)} (${result.rating}), ${plural(passed.length, 'check')} on ${plural(fileCount, 'file')}`,
      // A check that ran another engine than asked (oxlint that could not load, Bandit absent)
      // says so even when the commit passes: a fallback is never silent.
      details: capDetails(passed.filter((check) => check.reason).map((check) => `${check.name}: ${check.reason}`)),
    };
  }
  const failedChecks = result.checks.filter((check) => check.status === 'failed' || check.status === 'error');
  const details = blocking.map((f) => `${location(f.file, f.line) || '(project)'} ${f.check}/${f.rule}: ${f.message}`);
  for (const check of failedChecks) {
    if (check.reason && !blocking.some((f) => f.check === check.name)) details.push(`${check.name}: ${check.reason}`);
  }
  if (!details.length) details.push(`score ${Math.round(result.score)} (${result.rating}) is under the gate`);
  return {
    status: 'failed',
    summary: `${plural(blocking.length, 'blocking finding')}, score ${Math.round(result.score)} (${result.rating})`,
    details: capDetails(details),
  };
}

/** The secrets stage: findings are already redacted by the scanner; never print more. */
export function describeSecrets(
  result: Pick<QualityResult, 'passed' | 'score' | 'rating' | 'checks' | 'findings'>,
  fileCount: number,
): Partial {
  const found = result.findings.filter(
    (finding) => finding.check === 'secrets' && finding.severity === 'error' && finding.status !== 'baselined',
  );
  if (result.passed && !found.length) return { status: 'passed', summary: `none in ${plural(fileCount, 'staged file')}`, details: [] };
  return {
    status: 'failed',
    summary: `${plural(found.length, 'possible secret')} staged`,
    details: capDetails(found.map((f) => `${location(f.file, f.line)} ${f.rule}: ${f.message}`)),
  };
}

export function describeDrift(result: Pick<DriftResult, 'passed' | 'violations'>, what: string): Partial {
  const blocking = result.violations.filter((v) => v.severity === 'error' && !v.baselined);
  if (result.passed) {
    const baselined = result.violations.filter((v) => v.baselined).length;
    return { status: 'passed', summary: `no drift in ${what}${baselined ? ` (${baselined} baselined)` : ''}`, details: [] };
  }
  return {
    status: 'failed',
    summary: `${plural(blocking.length, 'violation')} in ${what}`,
    details: capDetails(blocking.map((v) => `${location(v.file, v.line) || '(project)'} ${v.rule}: ${v.message}`)),
  };
}

export function describeGaps(report: Pick<GapReport, 'completion' | 'gaps'>, minCompletion: number | null): Partial {
  const completion = Math.round(report.completion * 10) / 10;
  if (minCompletion === null || report.completion >= minCompletion) {
    return {
      status: 'passed',
      summary: `${completion}% complete, ${plural(report.gaps.length, 'gap')}${minCompletion === null ? '' : ` (minimum ${minCompletion}%)`}`,
      details: [],
    };
  }
  return {
    status: 'failed',
    summary: `${completion}% complete, under the minimum of ${minCompletion}%`,
    details: capDetails(
      report.gaps.map((gap) => `${location(gap.file, gap.line) || gap.featureId || '(spec)'} ${gap.kind}: ${gap.message}`),
    ),
  };
}
