import { capDetails, location, plural, type StageOutcome } from './stage-outcome.js';
import type { DriftResult } from '../drift/types.js';
import type { GapReport } from '../gaps/types.js';
import type { QualityResult } from '../quality/types.js';

type Partial = Pick<StageOutcome, 'status' | 'summary' | 'details'>;

/** A quality result as a stage line; blocking findings (errors) as details. */
export function describeQuality(
  result: Pick<QualityResult, 'passed' | 'score' | 'rating' | 'checks' | 'findings' | 'baseline'>,
  fileCount: number,
  options: { listSkipped?: boolean } = {},
): Partial {
  const blocking = result.findings.filter((finding) => finding.severity === 'error' && finding.status === 'new');
  const baselined = result.findings.filter((finding) => finding.status === 'baselined').length;
  const accepted = baselined ? `, ${baselined} baselined` : '';
  const stale = (result.baseline?.stale ?? []).reduce((sum, entry) => sum + entry.count, 0);
  const staleNote = stale
    ? [`${plural(stale, 'baselined finding')} no longer found (stale): br-guard quality baseline --update prunes them`]
    : [];
  const skipped = options.listSkipped ? result.checks.filter((check) => check.status === 'skipped').map((check) => check.name) : [];
  // A skipped check judged nothing: said on the line, so a green check is not read as "all judged".
  const skippedNote = skipped.length ? `; skipped: ${skipped.join(', ')}` : '';
  if (result.passed) {
    const passed = result.checks.filter((check) => check.status === 'passed');
    return {
      status: 'passed',
      summary: `score ${Math.round(result.score)} (${result.rating}), ${plural(passed.length, 'check')} on ${plural(fileCount, 'file')}${accepted}${skippedNote}`,
      // A check that ran another engine than asked (oxlint that could not load, Bandit absent)
      // says so even when the commit passes: a fallback is never silent. `check` also names the
      // skipped checks with their install hints (a hook would repeat them on every commit).
      details: capDetails([
        ...result.checks
          .filter((check) => (check.status === 'passed' || (options.listSkipped && check.status === 'skipped')) && check.reason)
          .map((check) => `${check.name}${check.status === 'skipped' ? ' skipped' : ''}: ${check.reason}`),
        ...staleNote,
      ]),
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
    summary: `${plural(blocking.length, 'blocking finding')}, score ${Math.round(result.score)} (${result.rating})${accepted}`,
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
