import { hash } from 'node:crypto';
import { compareText } from './compare-text.js';

/** Which system produced a finding. */
export type FindingSystem = 'quality' | 'drift' | 'gaps' | 'spec' | 'build';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a finding stands against what came before: `new` is the change's to answer for; `old`
 * sits on a line the change did not touch (quality's hold-the-line); `baselined` was accepted
 * in a baseline (`drift baseline`, `quality secrets-baseline`). Only `new` findings block.
 */
export type FindingStatus = 'new' | 'old' | 'baselined';

/**
 * How to mend a finding: a description (a gap's fix prompt), and, when the tool knows it, an
 * edit that replaces the text between two offsets of `file`.
 */
export interface FindingFix {
  description: string;
  file?: string;
  range?: [number, number];
  replacement?: string;
}

/**
 * The one findings model that quality, drift and gaps all speak, so that every reporter
 * (text, JSON, markdown, SARIF) serves every system.
 */
export interface Finding {
  system: FindingSystem;
  /** The check or rule family, e.g. `eslint`, `secrets`, `layer-violation`. */
  check: string;
  rule: string;
  severity: Severity;
  file: string | null;
  line: number | null;
  column: number | null;
  message: string;
  /** Stable across line moves: derived from system, rule, file and a content key. */
  fingerprint: string;
  status: FindingStatus;
  fix?: FindingFix;
}

/**
 * Fingerprints name what a finding is about, not where it sits, so baselines survive edits
 * above the finding. `key` is the content that identifies it (a line's trimmed text, an import
 * edge, a dependency name).
 */
export function fingerprint(parts: ReadonlyArray<string | number | null | undefined>): string {
  // One-shot `hash` of the parts joined as the incremental updates fed them: the same digest, no Hash object.
  let text = '';
  for (const part of parts) text += `${part ?? ''}\u0000`;
  return hash('sha256', text, 'hex').slice(0, 16);
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings by file, line, column, then severity, for stable output. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    severityRank[a.severity] - severityRank[b.severity] ||
    compareText(a.rule, b.rule)
  );
}

/**
 * The rule as a report names it: `eslint/no-var` where one system runs several checks (quality),
 * the bare rule where the check adds nothing (`layer-violation`, `missing-file`).
 */
export function ruleName(finding: Pick<Finding, 'system' | 'check' | 'rule'>): string {
  return finding.check === finding.system || finding.check === finding.rule ? finding.rule : `${finding.check}/${finding.rule}`;
}
