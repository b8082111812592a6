import type { Git } from '../adapters/git.js';
import { defaultConfig } from '../config/defaults.js';
import type { LoadedConfig } from '../config/types.js';
import type { Manifest, Spec, SpecValidation } from '../domain/spec.js';
import type { SharedScope } from '../quality/types.js';
import type {
  DriftResultLike,
  DriftScope,
  FileWriter,
  GapReportLike,
  IndexWriter,
  QualityResultLike,
  QualityScope,
} from './system-results.js';

/** A system whose entry module is not part of this build (yet); `check` reports it as such. */
export class SystemNotBuiltError extends Error {
  readonly system: string;
  constructor(system: string, modulePath: string) {
    super(`${system} is not built in this version of br-guard (${modulePath} is missing)`);
    this.name = 'SystemNotBuiltError';
    this.system = system;
  }
}

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
      writeFile?: FileWriter;
      writeIndex?: IndexWriter;
      sharedScope?: SharedScope;
    },
  ): Promise<QualityResultLike>;
  /** Starts loading the default pre-commit checks' tools for `files` in the background (optional: test fakes need not). */
  prepareQualityCheck?(root: string, files: string[]): Promise<void>;
  runDriftCheck(git: Git, loaded: LoadedConfig, spec: Spec, scope: DriftScope): Promise<DriftResultLike>;
  runGapAnalysis(git: Git, loaded: LoadedConfig, spec: Spec, options: { recordProgress?: boolean }): Promise<GapReportLike>;
  isBuildActive(root: string): Promise<boolean>;
  createCheckpoint(git: Git, options: { name?: string; message?: string; auto: boolean }): Promise<{ name: string; commit: string }>;
  refreshManifest(git: Git, spec: Spec): Promise<Manifest>;
}

/**
 * Imports a system's module on first use. A module missing from the installed build surfaces as
 * `SystemNotBuiltError` (`check` then says the system is not built), never as a crash.
 */
export async function loadSystem<T>(system: string, path: string, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(path)) {
      throw new SystemNotBuiltError(system, `src/${path.replace(/\.js$/, '.ts')}`);
    }
    throw error;
  }
}

/** The real systems, each loaded on first call. */
export function defaultHookSystems(): HookSystems {
  return {
    async loadSpec(git, loaded, override) {
      const { loadSpec } = await loadSystem('spec', 'spec/load-spec.js', () => import('../spec/load-spec.js'));
      return loadSpec({ root: git.root, cwd: git.root, override, configured: loaded.config.spec });
    },
    async validateSpec(spec) {
      return (await loadSystem('spec', 'spec/validate-spec.js', () => import('../spec/validate-spec.js'))).validateSpec(spec);
    },
    async runQualityCheck(git, loaded, options) {
      const { runQualityCheck } = await loadSystem(
        'quality',
        'quality/run-quality-check.js',
        () => import('../quality/run-quality-check.js'),
      );
      return runQualityCheck({ git, loaded }, options);
    },
    async prepareQualityCheck(root, files) {
      const { prepareQualityCheck } = await loadSystem(
        'quality',
        'quality/run-quality-check.js',
        () => import('../quality/run-quality-check.js'),
      );
      // The pre-commit hook is what the warm worker is for (docs/hooks.md, "Warm worker").
      (await import('../quality/warm-worker/worker-switch.js')).allowWarmWorker();
      // The config is not read yet: the default pre-commit checks.
      prepareQualityCheck(root, files, defaultConfig().quality.preCommitChecks ?? undefined);
    },
    async runDriftCheck(git, loaded, spec, scope) {
      const { runDriftCheck } = await loadSystem('drift', 'drift/run-drift-check.js', () => import('../drift/run-drift-check.js'));
      return runDriftCheck({ git, loaded, spec }, { scope });
    },
    async runGapAnalysis(git, loaded, spec, options) {
      const { runGapAnalysis } = await loadSystem('gaps', 'gaps/run-gap-analysis.js', () => import('../gaps/run-gap-analysis.js'));
      return runGapAnalysis({ git, loaded, spec }, options);
    },
    async isBuildActive(root) {
      return (await loadSystem('build', 'build/build-state.js', () => import('../build/build-state.js'))).isBuildActive(root);
    },
    async createCheckpoint(git, options) {
      return (await loadSystem('build', 'build/create-checkpoint.js', () => import('../build/create-checkpoint.js'))).createCheckpoint(
        git,
        options,
      );
    },
    async refreshManifest(git, spec) {
      const [{ readFile }, { buildManifest }, { writeManifest }] = await Promise.all([
        import('node:fs/promises'),
        loadSystem('spec', 'spec/build-manifest.js', () => import('../spec/build-manifest.js')),
        loadSystem('spec', 'spec/write-manifest.js', () => import('../spec/write-manifest.js')),
      ]);
      const manifest = buildManifest(spec, await readFile(git.absolutePath(spec.file), 'utf8'));
      await writeManifest(git.root, manifest);
      return manifest;
    },
  };
}
