/**
 * The parts of each system's result that hooks read (CONTRACT.md shapes). Hooks depend on these
 * shapes, not on the systems' modules, so a hook loads a system only when it runs its stage.
 */

export interface QualityFindingLike {
  check: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  file: string | null;
  line: number | null;
  column?: number | null;
  message: string;
  fixable?: boolean;
  new?: boolean;
  /** The checker's fingerprint (real results carry it; reporters derive one when absent). */
  fingerprint?: string;
}

export interface QualityResultLike {
  score: number;
  rating: string;
  passed: boolean;
  checks: Array<{ name: string; status: 'passed' | 'failed' | 'skipped' | 'error'; reason: string | null; durationMs?: number }>;
  findings: QualityFindingLike[];
  /** Staged `--fix`: files whose fix collides with an unstaged edit (nothing was written). */
  fixConflicts?: string[];
  /** Staged `--fix`: files whose fix was staged. */
  fixed?: string[];
}

export interface DriftViolationLike {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  file: string | null;
  line: number | null;
  message: string;
  baselined: boolean;
  /** What the violation names (real results carry it): the fingerprint's content. */
  key?: string;
}

export interface DriftResultLike {
  passed: boolean;
  violations: DriftViolationLike[];
}

export interface GapLike {
  id: string;
  kind: string;
  featureId: string | null;
  file: string | null;
  line: number | null;
  message: string;
  /** The fix prompt (real reports carry it): a reported gap's fix. */
  prompt?: string;
}

export interface GapReportLike {
  completion: number;
  gaps: GapLike[];
}

/** Writes one work tree file (absolute path); the hooks route quality's fixes through their undo log. */
export type FileWriter = (absolutePath: string, text: string) => Promise<void>;

/** Runs the command that writes the index, so the hook's undo log can record it first. */
export type { IndexWriteGuard as IndexWriter } from '../quality/types.js';

// A type-only import costs nothing at load time: the scope is quality's own, not a mirror.
export type { QualityScope } from '../quality/types.js';

export type DriftScope = { kind: 'staged' } | { kind: 'range'; from: string; to: string } | { kind: 'all' };
