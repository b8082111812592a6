import type { Finding, FindingSystem } from './findings.js';

/** The systems `br-guard check` reports on, in the order it runs them. */
export type CheckedSystem = Exclude<FindingSystem, 'build'>;

/**
 * One system's result in the shape every reporter reads (JSON, markdown, SARIF), whatever the
 * system: its verdict, a one-line summary, every finding in the one findings model, and counts.
 */
export interface SystemResult {
  system: CheckedSystem;
  passed: boolean;
  summary: string;
  findings: Finding[];
  /** Figures that describe the run (completion, score, counts): numbers, or a rating letter. */
  stats: Record<string, number | string>;
}

/** A system's result as a combined report shows it: how its stage ended, and the command that shows more. */
export interface ReportedSystem extends SystemResult {
  status: 'passed' | 'failed' | 'skipped' | 'error';
  /** Only for what failed: one line per blocking finding, capped for the terminal; `findings` has them all. */
  details: string[];
  command: string;
}

/** What the combined reporters render: the verdict and one entry per system. */
export interface SystemsReport {
  passed: boolean;
  exitCode: number;
  /** False while a stage could not run (skipped: no spec, a tool absent): `passed` then covers only what ran. */
  complete: boolean;
  stages: ReportedSystem[];
}
