import type { BrGuardConfig, QualityStandards } from './types.js';

/** Built-in defaults: what applies when the user configures nothing. */
export function defaultConfig(): BrGuardConfig {
  return {
    spec: null,
    architecture: {
      layers: [],
      forbidden: [],
      modules: [],
      boundaries: [],
      undocumentedAllowed: [
        'test/**',
        'tests/**',
        '**/*.test.*',
        '**/*.spec.*',
        'docs/**',
        '**/*.md',
        '.buildrunner/**',
        '.husky/**',
        '.github/**',
        '.*',
      ],
      rules: {},
    },
    techStack: { allow: [] },
    gaps: { ignoreEndpoints: [], ignore: ['node_modules/**', 'dist/**', 'build/**', 'coverage/**', '.buildrunner/**'] },
    build: {
      concurrency: null,
      tasks: {},
      checkpoints: { keepAutomatic: 20, maxUntrackedFileBytes: 10 * 1024 * 1024 },
    },
    quality: {
      holdTheLine: true,
      timeoutMs: 120_000,
      // Whole-program type checkers (tsc, mypy) parse every file of the program on each commit;
      // they run on pre-push (hooks.prePush.quality), `quality check` and CI (`br-guard check`).
      // Secrets have their own pre-commit stage, on the staged content, before this one.
      preCommitChecks: ['prettier', 'eslint', 'ruff', 'black', 'security', 'bandit', 'audit', 'complexity'],
      maxFileBytes: 2 * 1024 * 1024, // = DEFAULT_MAX_FILE_BYTES (adapters/git-objects.ts)
      engines: 'default',
      worker: { idleMinutes: 10 },
    },
    hooks: { prePush: { minCompletion: null, quality: false } },
  };
}

export function defaultQualityStandards(): QualityStandards {
  return {
    gates: {
      minScore: 80,
      minCoverage: 85,
      maxCyclomaticComplexity: 15,
      maxCognitiveComplexity: 20,
      maxFunctionLength: 80,
      maxFileLength: 500,
      maxParameters: 5,
      maxNestingDepth: 4,
    },
    dimensions: {
      format: { minScore: 70, weight: 1 },
      types: { minScore: 70, weight: 2 },
      security: { minScore: 80, weight: 3 },
      secrets: { minScore: 100, weight: 3 },
      complexity: { minScore: 60, weight: 1 },
      tests: { minScore: 0, weight: 1 },
    },
    exclude: ['node_modules/**', 'dist/**', 'build/**', 'coverage/**', '.buildrunner/**'],
    overrides: [],
    exemptions: [],
  };
}
