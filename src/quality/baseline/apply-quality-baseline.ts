import type { Finding } from '../../domain/findings.js';
import type { QualityBaseline, QualityBaselineEntry } from './quality-baseline.js';
import { QUALITY_BASELINE } from './quality-baseline.js';

/** A baseline entry that matched fewer findings than it records: those were fixed. */
export type StaleQualityEntry = QualityBaselineEntry;

/** What the baseline did to a run: in `quality check --json` as `baseline`. */
export interface QualityBaselineReport {
  file: string;
  /** Findings the baseline records (entries' counts added up). */
  entries: number;
  /** Findings of this run marked `baselined`. */
  baselined: number;
  /** Recorded findings no longer found (only judged for the whole tree, and for checks that ran). */
  stale: StaleQualityEntry[];
}

export interface BaselinedRun {
  check: string;
  findings: Finding[];
  /** False when the check was skipped or errored: its recorded findings are not judged stale. */
  ran: boolean;
}

/**
 * Marks the findings the baseline knows as `baselined`, up to each entry's count, in the runs'
 * order (file, line): the first ones keep the baseline's verdict, any more with the same
 * fingerprint are new. Pure. Stale entries are listed only for a whole-tree run (`wholeTree`),
 * where every file was judged.
 */
export function applyQualityBaseline<R extends BaselinedRun>(
  runs: readonly R[],
  baseline: QualityBaseline,
  wholeTree: boolean,
): { runs: R[]; report: QualityBaselineReport } {
  const left = new Map(baseline.findings.map((entry) => [entry.fingerprint, entry.count]));
  let baselined = 0;
  const marked = runs.map((run) => ({
    ...run,
    findings: run.findings.map((finding) => {
      const remaining = left.get(finding.fingerprint) ?? 0;
      if (finding.status === 'baselined' || remaining <= 0) return finding;
      left.set(finding.fingerprint, remaining - 1);
      baselined++;
      return { ...finding, status: 'baselined' as const };
    }),
  }));
  const ran = new Set(runs.filter((run) => run.ran).map((run) => run.check));
  const stale = wholeTree
    ? baseline.findings
        .filter((entry) => ran.has(entry.check) && (left.get(entry.fingerprint) ?? 0) > 0)
        .map((entry) => ({ ...entry, count: left.get(entry.fingerprint)! }))
    : [];
  return {
    runs: marked,
    report: {
      file: QUALITY_BASELINE,
      entries: baseline.findings.reduce((sum, entry) => sum + entry.count, 0),
      baselined,
      stale,
    },
  };
}
