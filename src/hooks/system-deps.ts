import { loaderFor } from '../adapters/load-now.js';
import type { Git } from '../adapters/git.js';
import { defaultConfig } from '../config/defaults.js';
import type { LoadedConfig } from '../config/types.js';
import type { Manifest, Spec, SpecValidation } from '../domain/spec.js';
import type { DriftResult, DriftScope } from '../drift/types.js';
import type { GapReport } from '../gaps/types.js';
import type { IndexWriteGuard, QualityResult, QualityScope, WorktreeWriter } from '../quality/types.js';

// The commit's big module graphs load synchronously (adapters/load-now.ts).
const requireNow = loaderFor(import.meta.url);

/**
 * The systems a hook drives, each behind a function that imports its module on first use, so
 * a hook with nothing to check loads none of them. Tests pass their own.
 */
export interface HookSystems {
  loadSpec(git: Git, loaded: LoadedConfig, override?: string): Promise<Spec>;
  validateSpec(spec: Spec): Promise<SpecValidation>;
  runQualityCheck(
    git: Git,
    loaded: LoadedConfig,
    options: {
      scope: QualityScope;
      fix: boolean;
      only?: string[];
      preCommit?: boolean;
      writeFile?: WorktreeWriter;
      writeIndex?: IndexWriteGuard;
      onFixFound?: () => void;
    },
  ): Promise<QualityResult>;
  /** Starts loading the default pre-commit checks' tools for `files` in the background (optional: test fakes need not). */
  prepareQualityCheck?(root: string, files: string[]): Promise<void>;
  runDriftCheck(git: Git, loaded: LoadedConfig, spec: Spec, scope: DriftScope): Promise<DriftResult>;
  runGapAnalysis(git: Git, loaded: LoadedConfig, spec: Spec, options: { recordProgress?: boolean }): Promise<GapReport>;
  isBuildActive(root: string): Promise<boolean>;
  createCheckpoint(git: Git, options: { name?: string; message?: string; auto: boolean }): Promise<{ name: string; commit: string }>;
  refreshManifest(git: Git, spec: Spec): Promise<Manifest>;
}

/**
 * The real systems, each imported on first call. Every system is part of the build: a module that
 * fails to load is a bug (a broken install), an internal error like any other.
 */
export function defaultHookSystems(): HookSystems {
  return {
    async loadSpec(git, loaded, override) {
      const { loadSpec } = requireNow<typeof import('../spec/load-spec.js')>('../spec/load-spec.js');
      return loadSpec({ root: git.root, cwd: git.root, override, configured: loaded.config.spec });
    },
    async validateSpec(spec) {
      return (await import('../spec/validate-spec.js')).validateSpec(spec);
    },
    async runQualityCheck(git, loaded, options) {
      const { runQualityCheck } = requireNow<typeof import('../quality/run-quality-check.js')>('../quality/run-quality-check.js');
      return runQualityCheck({ git, loaded }, options);
    },
    async prepareQualityCheck(root, files) {
      const { prepareQualityCheck } = requireNow<typeof import('../quality/run-quality-check.js')>('../quality/run-quality-check.js');
      // The pre-commit hook is what the warm worker is for (docs/hooks.md, "Warm worker").
      (await import('../quality/warm-worker/worker-switch.js')).allowWarmWorker();
      // The config is not read yet: the default pre-commit checks.
      prepareQualityCheck(root, files, defaultConfig().quality.preCommitChecks ?? undefined);
    },
    async runDriftCheck(git, loaded, spec, scope) {
      const { runDriftCheck } = requireNow<typeof import('../drift/run-drift-check.js')>('../drift/run-drift-check.js');
      return runDriftCheck({ git, loaded, spec }, { scope });
    },
    async runGapAnalysis(git, loaded, spec, options) {
      const { runGapAnalysis } = await import('../gaps/run-gap-analysis.js');
      return runGapAnalysis({ git, loaded, spec }, options);
    },
    async isBuildActive(root) {
      return (await import('../build/build-state.js')).isBuildActive(root);
    },
    async createCheckpoint(git, options) {
      return (await import('../build/create-checkpoint.js')).createCheckpoint(git, options);
    },
    async refreshManifest(git, spec) {
      const [{ readFile }, { buildManifest }, { writeManifest }] = await Promise.all([
        import('node:fs/promises'),
        import('../spec/build-manifest.js'),
        import('../spec/write-manifest.js'),
      ]);
      const manifest = buildManifest(spec, await readFile(git.absolutePath(spec.file), 'utf8'));
      await writeManifest(git.root, manifest);
      return manifest;
    },
  };
}
