import { availableParallelism } from 'node:os';
import { rm } from 'node:fs/promises';
import { UsageError, UserError } from '../domain/errors.js';
import type { BuildState } from './build-state.js';
import { isProcessAlive, readBuildState } from './build-state.js';
import { readDurations } from './duration-store.js';
import { executeBuild } from './execute-build.js';
import { createExecutorDeps, type BuildHooks, type BuildInputs } from './executor-deps.js';
import { gateAnswersDir } from './gate-answers.js';
import { makeRunId, newBuildState, reconcileState } from './new-build-state.js';
import { planBuild, type BuildPlan } from './plan-build.js';
import { resolveFailurePolicy, type FailurePolicy, type Terminal } from './failure-policy.js';

export interface StartOptions {
  concurrency?: number;
  continueOnFailure?: boolean;
  /** From the command line (`--on-failure`, `--no-failure-gate`); wins over `build.onFailure`. */
  onFailure?: FailurePolicy;
  /** Decides the default policy; absent = the process's own stdin and environment. */
  terminal?: Terminal;
  /** Start a new run even when one is paused. */
  restart?: boolean;
  /** Ctrl-C: stop, kill running tasks, save the state for `build resume`. */
  signal?: AbortSignal;
}

/** The plan of the current spec and config, weighted by earlier runs' durations where known. */
export async function planFor(inputs: BuildInputs): Promise<BuildPlan> {
  return planBuild(inputs.spec, inputs.loaded.config, {
    configFile: inputs.loaded.configFile ? inputs.git.relativePath(inputs.loaded.configFile) : 'config',
    durations: await readDurations(inputs.git.root),
  });
}

/** `build start`: a new run of the plan. Refuses while another run is running or paused. */
export async function startBuild(inputs: BuildInputs, options: StartOptions, hooks: BuildHooks = {}): Promise<BuildState> {
  const existing = await readBuildState(inputs.git.root);
  refuseIfLive(existing);
  if (existing && (existing.state === 'paused' || existing.state === 'running') && !options.restart) {
    throw new UserError(
      `a build (${existing.runId}) is ${existing.state === 'paused' ? 'paused' : 'interrupted'}: \`br-guard build resume\` continues it, \`br-guard build start --restart\` starts over`,
    );
  }
  const plan = await planFor(inputs);
  const now = (hooks.now ?? (() => new Date()))();
  const concurrency = resolveConcurrency(options.concurrency, inputs);
  const state = newBuildState(plan, { runId: makeRunId(now), now, concurrency, pid: process.pid });
  // Answers left from an earlier run must not answer this run's gates.
  await rm(gateAnswersDir(inputs.git.root), { recursive: true, force: true });
  const deps = createExecutorDeps(inputs, state.runId, hooks);
  // A checkpoint before the first task, so the whole run can be rolled back.
  state.lastCheckpoint = await deps.checkpoint(`build ${state.runId} started`, (name) => ({ ...state, lastCheckpoint: name }));
  return executeBuild(plan, state, deps, executeOptions(options, concurrency, inputs));
}

/**
 * `build resume`: continues the saved run. Tasks that were running when the build died run
 * again; after a failed run, failed tasks get another attempt.
 */
export async function resumeBuild(inputs: BuildInputs, options: StartOptions, hooks: BuildHooks = {}): Promise<BuildState> {
  const saved = await readBuildState(inputs.git.root);
  if (!saved) throw new UserError('no build to resume: start one with `br-guard build start`');
  refuseIfLive(saved);
  const plan = await planFor(inputs);
  const state = reconcileState(saved, plan);
  if (saved.state === 'failed') {
    for (const task of state.tasks) {
      if (task.status === 'failed') {
        task.status = 'pending';
        task.reason = 'failed in the previous attempt; runs again';
      }
    }
  }
  const concurrency = resolveConcurrency(options.concurrency ?? saved.concurrency, inputs);
  state.concurrency = concurrency;
  return executeBuild(plan, state, createExecutorDeps(inputs, state.runId, hooks), executeOptions(options, concurrency, inputs));
}

function refuseIfLive(state: BuildState | null): void {
  if (state?.state === 'running' && state.pid !== process.pid && isProcessAlive(state.pid, state.pidStartTime)) {
    throw new UserError(`a build (${state.runId}) is running in process ${state.pid}`);
  }
}

function resolveConcurrency(flag: number | undefined, inputs: BuildInputs): number {
  const value = flag ?? inputs.loaded.config.build.concurrency ?? availableParallelism();
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`concurrency must be a whole number of at least 1 (got ${value})`);
  return value;
}

function executeOptions(options: StartOptions, concurrency: number, inputs: BuildInputs) {
  const terminal = options.terminal ?? { stdinIsTTY: Boolean(process.stdin.isTTY), env: process.env };
  return {
    concurrency,
    continueOnFailure: options.continueOnFailure ?? false,
    failureGates: resolveFailurePolicy(options.onFailure, inputs.loaded.config.build.onFailure, terminal) === 'gate',
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
