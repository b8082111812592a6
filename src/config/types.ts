/**
 * The resolved configuration: what every system reads after defaults are filled in. The schema
 * in `schema.ts` is the source of truth for validation and documentation; these types mirror it.
 */

export type RuleLevel = 'error' | 'warn' | 'info' | 'off';

export interface ArchitectureLayer {
  name: string;
  /** Globs (picomatch) relative to the repo root. */
  paths: string[];
}

export interface ForbiddenEdge {
  from: string;
  to: string;
  message?: string;
}

/**
 * One `architecture.boundaries` entry: which files an importer matching `from` may (`allow`) or
 * may not (`to`) import. Every wildcard of `from` is a capture, `$1`, `$2`, … in `to` and `allow`.
 */
export interface BoundaryRule {
  from: string;
  /** Targets this entry judges (files, or a package pattern); absent: every file of the repository. */
  to?: string;
  /** Targets that pass; absent: none of those `to` matches does. */
  allow?: string[];
  message?: string;
}

export interface BuildTaskConfig {
  /** A command line the user wrote; run through the platform shell for that reason only. */
  run?: string;
  gate?: string;
  dependsOn?: string[];
  requires?: { env: string[]; files: string[] };
  /** What the task produces (repo-relative paths or globs): handed to dependent jobs in CI exports. */
  outputs?: string[];
  /** Seconds a gate waits before `gateDefault` applies. */
  gateTimeout?: number;
  gateDefault?: 'approve' | 'reject';
}

export interface BrGuardConfig {
  /** Path of the spec, relative to the repo root. */
  spec: string | null;
  architecture: {
    layers: ArchitectureLayer[];
    forbidden: ForbiddenEdge[];
    /** Globs of module folders, whose files other code reaches only through the module's entry (index). */
    modules: string[];
    boundaries: BoundaryRule[];
    undocumentedAllowed: string[];
    /** Severity per drift rule id. */
    rules: Record<string, RuleLevel>;
  };
  techStack: { allow: string[] };
  gaps: {
    ignoreEndpoints: string[];
    /** Globs of files the scanner never reads. */
    ignore: string[];
  };
  build: {
    concurrency: number | null;
    /** Unset: `gate` on a TTY, `fail` otherwise (see build/failure-policy.ts). */
    onFailure?: 'gate' | 'fail';
    tasks: Record<string, BuildTaskConfig>;
    checkpoints: { keepAutomatic: number; maxUntrackedFileBytes: number };
  };
  quality: {
    /** In staged/since modes, findings on untouched lines do not fail the gate. */
    holdTheLine: boolean;
    /** Per-checker timeout in milliseconds. */
    timeoutMs: number;
    /** Checks the pre-commit hook runs (null: every check); `--all`, `--staged` and CI run every check. */
    preCommitChecks: string[] | null;
    /** Staged files larger than this are skipped by the text checks (secrets, quality, drift content), with a note. */
    maxFileBytes: number;
    /**
     * Which tools lint and format when the project configures none: `default` = ESLint
     * (typescript-eslint recommended) and Prettier; `native` = oxlint and oxfmt (native binaries,
     * ESLint and Prettier as the fallback when they cannot load).
     */
    engines: 'default' | 'native';
    /** The warm worker that keeps the JS tools loaded between commits (docs/hooks.md, "Warm worker"). */
    worker: {
      /** Minutes without a request after which the worker exits. */
      idleMinutes: number;
    };
  };
  hooks: {
    prePush: { minCompletion: number | null; quality: boolean };
  };
}

/** Where each top-level part of the resolved config came from. */
export interface LoadedConfig {
  config: BrGuardConfig;
  /** Absolute path of the config file, or null when only defaults apply. */
  configFile: string | null;
  standards: QualityStandards;
  standardsFile: string | null;
  /** What the config or standards hold that br-guard ignores; the CLI prints each once on stderr. */
  warnings?: string[];
  /**
   * Which file each top-level key came from (absolute path, or null for the built-in default).
   * Optional so that hand-built configs in tests need not fill it.
   */
  sources?: { config: Record<string, string | null>; standards: Record<string, string | null> };
}

export interface QualityStandards {
  gates: {
    minScore: number;
    minCoverage: number;
    maxCyclomaticComplexity: number;
    maxCognitiveComplexity: number;
    maxFunctionLength: number;
    maxFileLength: number;
    maxParameters: number;
    maxNestingDepth: number;
  };
  /** Minimum score per dimension (format, types, security, secrets, complexity, tests). */
  dimensions: Record<string, { minScore: number; weight: number }>;
  /** Globs of files no quality check reads. */
  exclude: string[];
  /** Per-glob overrides of the gates. */
  overrides: Array<{ files: string[]; gates: Partial<QualityStandards['gates']> }>;
  /** Per-glob exemptions from whole checks. */
  exemptions: Array<{ files: string[]; checks: string[] }>;
}
