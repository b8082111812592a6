import type { StagedSnapshot } from '../adapters/staged-snapshot.js';
import type { Severity } from '../domain/findings.js';

/** What a drift check compares: the index against HEAD, a commit range, or the whole work tree. */
/** The index (a hook passes the snapshot its other stages judge), a pushed range, or the work tree. */
export type DriftScope = { kind: 'staged'; snapshot?: StagedSnapshot } | { kind: 'range'; from: string; to: string } | { kind: 'all' };

/** One violation, the contract's `drift check --json` entry plus the key a baseline matches on. */
export interface DriftViolation {
  rule: string;
  severity: Severity;
  file: string | null;
  line: number | null;
  message: string;
  baselined: boolean;
  /** What the violation names (a file, a dependency, an import edge, a cycle), never a line. */
  key: string;
}

/** A baseline entry that matched nothing in a whole-tree check: it can be pruned. */
export interface StaleBaselineEntry {
  rule: string;
  key: string;
  file: string | null;
}

export interface DriftResult {
  passed: boolean;
  violations: DriftViolation[];
  /** Only filled by whole-tree checks, where "no longer found" really means fixed. */
  stale: StaleBaselineEntry[];
  scope: { kind: DriftScope['kind']; from?: string; to?: string };
  /** Whether the spec file itself is part of the change. */
  specChanged: boolean;
  summary: { errors: number; warnings: number; infos: number; baselined: number; filesChecked: number };
  /** What the diff analyzer found in the change (for whole-tree checks: everything there is). */
  changes: DriftChangeSummary;
}

export interface DriftChangeSummary {
  filesAdded: number;
  filesRemoved: number;
  filesRenamed: number;
  importsAdded: number;
  importsRemoved: number;
  /** `npm:name` / `pypi:name`. */
  dependenciesAdded: string[];
  dependenciesRemoved: string[];
  /** `METHOD path`; empty when endpoints were not compared. */
  endpointsAdded: string[];
}
