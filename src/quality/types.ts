import type { StagedSnapshot } from '../adapters/staged-snapshot.js';
import type { Finding } from '../domain/findings.js';
import type { LoadedConfig } from '../config/types.js';
import type { ProjectFileReader } from '../adapters/project-files.js';
import type { QualityBaselineReport } from './baseline/apply-quality-baseline.js';

/** The quality dimensions a score is made of. */
export type Dimension = 'format' | 'types' | 'security' | 'secrets' | 'complexity' | 'tests';

export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'error';

/** What to check: files named on the command line, the index, changes since a ref, or everything. */
export type QualityScope =
  | { kind: 'files'; files: string[] }
  /** The index; a hook passes the snapshot its other stages judge, so all read the same content. */
  | { kind: 'staged'; snapshot?: StagedSnapshot }
  | { kind: 'since'; ref: string }
  | { kind: 'all' }
  /** `files` as commit `ref` holds them (the pre-push re-check of commits made with `--no-verify`). */
  | { kind: 'commit'; ref: string; files: string[] };

export interface QualityOptions {
  scope: QualityScope;
  fix: boolean;
  /** Check names to run (e.g. `['secrets']`); all applicable checks when absent. */
  only?: string[];
  /** False: judge every finding as if no quality baseline were recorded (`quality baseline` records them so). */
  useBaseline?: boolean;
  /** The pre-commit hook's run: without `only`, run the checks of config `quality.preCommitChecks`. */
  preCommit?: boolean;
  /**
   * How `--fix` writes a work tree file (absolute path); atomically, keeping its mode, by
   * default. The pre-commit hook passes its undo log's writer, so a signal can stop the writes.
   */
  writeFile?: WorktreeWriter;
  /** Wraps the one command of a staged `--fix` that writes the index (the pre-commit's undo log records it). */
  writeIndex?: IndexWriteGuard;
  /**
   * Called (once per file) as soon as a staged file's fix is known to change it, while other
   * files are still being fixed: the pre-commit begins its backup then, in time it would
   * otherwise spend waiting on the tools.
   */
  onFixFound?: () => void;
}

/**
 * A finding as `quality check --json` prints it: the shared findings model, plus the contract's
 * two flags, both derived from it: whether a fixer can mend it (then `fix` says how) and whether
 * the change introduced it (`status` is `new`).
 */
export type QualityFinding = Finding & {
  fixable: boolean;
  /** `status === 'new'`: false on a line the change did not touch (hold the line) and for a baselined one. */
  new: boolean;
};

export interface CheckReport {
  name: string;
  /** The tool that ran the check (`eslint`, `oxlint`, `prettier`, `oxfmt`…; `br-guard` for its own checks). */
  engine: string;
  status: CheckStatus;
  reason: string | null;
  durationMs: number;
}

export interface DimensionReport {
  score: number;
  findings: number;
  minScore: number;
  weight: number;
  rating: Rating;
}

export type Rating = 'A' | 'B' | 'C' | 'D' | 'E';

/** The contract's `quality check --json` shape (plus a few extra fields). */
export interface QualityResult {
  score: number;
  rating: Rating;
  passed: boolean;
  dimensions: Record<string, DimensionReport>;
  checks: CheckReport[];
  findings: QualityFinding[];
  scope: QualityScope['kind'];
  filesChecked: number;
  linesChecked: number;
  /** What `--fix` changed (repo-relative paths), and files whose work tree was left alone. */
  fixed: string[];
  fixNotes: string[];
  /**
   * Staged `--fix`: partially staged files whose fix touches the lines of an unstaged edit. When
   * there is one, nothing was fixed or written; the checks judged the staged content as it is.
   */
  fixConflicts: string[];
  /** Why the gate failed, one line each; empty when it passed. */
  failures: string[];
  /** What `.buildrunner/quality-baseline.json` accepted in this run; null when there is none. */
  baseline?: QualityBaselineReport | null;
}

/** A file to check: its repo path and how to read the content that is being judged. */
export interface SourceFile {
  path: string;
  read: () => Promise<string>;
}

/** Everything a checker may use. Checkers never print. */
export interface CheckContext {
  root: string;
  loaded: LoadedConfig;
  /** Only the files this checker applies to. */
  files: SourceFile[];
  /** True when content comes from git (the index, or a commit) rather than the work tree. */
  staged: boolean;
  /**
   * Reads a project file that steers a check (`.gitleaks.toml`) from where the judged content
   * comes from: the index for `--staged`, the commit for a commit scope, else the work tree.
   */
  readProjectFile: ProjectFileReader;
  /** Where checkers keep caches (`.buildrunner/cache/quality`). */
  cacheDir: string;
  /** Binary names per external tool, injectable for tests. */
  tools: Record<string, string>;
  /** True when the whole repository is in scope (`--all`). */
  all: boolean;
}

/** What a checker returns; the runner derives the status. */
export interface CheckOutcome {
  findings: Finding[];
  /** Set when the tool is absent or not reachable: the check is skipped with this reason. */
  skipped?: string;
  /** Extra information (e.g. a fallback was used). */
  note?: string;
  /** The tool that ran, when the checker chooses it as it runs (`tsgo` or the compiler API for `tsc`). */
  engine?: string;
  /** Finding fingerprints whose issue `--fix` can repair. */
  fixable?: Set<string>;
  /** A measured dimension score (line coverage) that replaces the findings formula. */
  measured?: number;
  /** The results are not those the cache key names (a config fell back): not cached. */
  uncached?: boolean;
}

/** Writes one work tree file (absolute path). */
export type WorktreeWriter = (absolutePath: string, text: string) => Promise<void>;

/** Runs a write of the index (`update-index`), letting the caller record it first. */
export type IndexWriteGuard = <T>(write: () => Promise<T>) => Promise<T>;

/** Rewrites one file's text; returns the text unchanged when there is nothing to fix. */
export type TextFixer = (path: string, text: string) => Promise<string>;

export interface Checker {
  name: string;
  dimension: Dimension;
  /** Whether this checker reads the file at `path` (repo-relative). */
  appliesTo: (path: string) => boolean;
  run: (context: CheckContext) => Promise<CheckOutcome>;
  /**
   * For checkers whose findings depend only on each file's content and the configuration: a key
   * naming that configuration (tool version, config files). Results are then cached per file.
   */
  cacheKey?: (context: Omit<CheckContext, 'files'>) => Promise<string>;
  /** Runs only when the whole repository is in scope (`--all`), e.g. coverage. */
  wholeRepoOnly?: boolean;
  /** A formatter (Prettier, Black): its fix is run again when a later lint fix changed the text. */
  formatter?: boolean;
  /** Starts loading the checker's tool in the background (a worker thread), so it is ready when the files arrive. */
  prepare?: (root: string) => void;
  /** The tool that runs the check, when it is not the check's name (br-guard's own checks). */
  engine?: string;
  /** Why this engine runs and not the configured one (`quality.engines`), shown as the check's reason. */
  engineNote?: string;
  /**
   * What to say about how the check ran when its outcome says nothing (which config judged),
   * asked also when every result came from the cache.
   */
  note?: (context: Omit<CheckContext, 'files'>) => Promise<string | null>;
  /** Builds a fixer for this checker's files, or null when its tool is absent. */
  fixer?: (context: Omit<CheckContext, 'files'>) => Promise<TextFixer | null>;
}
