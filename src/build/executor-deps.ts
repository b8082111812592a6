import { pathExists } from '../adapters/file-system.js';
import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/types.js';
import type { Spec } from '../domain/spec.js';
import { writeBuildState } from './build-state.js';
import { saveCheckpoint } from './create-checkpoint.js';
import { durationRecorder } from './duration-store.js';
import type { ExecutorDeps } from './execute-build.js';
import { readGateAnswers, removeGateAnswer } from './gate-answers.js';
import { runTaskCommand } from './run-task-command.js';

/** What a build needs from the project: the repository, its config and its spec. */
export interface BuildInputs {
  git: Git;
  loaded: LoadedConfig;
  spec: Spec;
}

/** What the CLI adds: a prompt on a TTY, progress, and (for tests) a different completeness check. */
export type BuildHooks = Partial<Pick<ExecutorDeps, 'ask' | 'onEvent' | 'completeFeatures' | 'now' | 'env' | 'sleep'>>;

/** The real adapters behind the executor. */
export function createExecutorDeps(inputs: BuildInputs, runId: string, hooks: BuildHooks): ExecutorDeps {
  const { git, loaded } = inputs;
  const env = hooks.env ?? process.env;
  const deps: ExecutorDeps = {
    now: hooks.now ?? (() => new Date()),
    env,
    fileExists: (path) => pathExists(git.absolutePath(path)),
    runCommand: (task, log, signal) => runTaskCommand(git.root, task, log, { env, runId, ...(signal ? { signal } : {}) }),
    completeFeatures: hooks.completeFeatures ?? ((ids) => completeFeaturesByGapAnalysis(inputs, ids)),
    checkpoint: async (label, stateFor) =>
      (
        await saveCheckpoint(git, {
          auto: true,
          message: label,
          state: stateFor,
          maxUntrackedFileBytes: loaded.config.build.checkpoints.maxUntrackedFileBytes,
          keepAutomatic: loaded.config.build.checkpoints.keepAutomatic,
        })
      ).name,
    saveState: (state) => writeBuildState(git.root, state),
    readAnswers: () => readGateAnswers(git.root),
    consumeAnswer: (gate) => removeGateAnswer(git.root, gate),
    recordDuration: durationRecorder(git.root),
  };
  if (hooks.ask) deps.ask = hooks.ask;
  if (hooks.onEvent) deps.onEvent = hooks.onEvent;
  if (hooks.sleep) deps.sleep = hooks.sleep;
  return deps;
}

type GapModule = Pick<typeof import('../gaps/run-gap-analysis.js'), 'runGapAnalysis' | 'isFeatureComplete'>;

/**
 * Asks gap analysis which features are complete. The analyzer is loaded only when a task
 * without `run` is reached; such a task waits (a gate) until its feature is complete or
 * someone runs `br-guard build done <task>`.
 */
export async function completeFeaturesByGapAnalysis(
  inputs: BuildInputs,
  ids: string[],
  load: () => Promise<GapModule> = () => import('../gaps/run-gap-analysis.js'),
): Promise<Set<string>> {
  const gaps = await load();
  const report = await gaps.runGapAnalysis(inputs, { recordProgress: false });
  return new Set(ids.filter((id) => gaps.isFeatureComplete(report, id)));
}
