import type { BuildState, TaskState } from './build-state.js';
import type { BuildPlan } from './plan-build.js';

/** A fresh state for a new run of the plan: every task pending. */
export function newBuildState(plan: BuildPlan, options: { runId: string; now: Date; concurrency: number; pid: number }): BuildState {
  const at = options.now.toISOString();
  return {
    version: 1,
    runId: options.runId,
    state: 'running',
    startedAt: at,
    updatedAt: at,
    pid: options.pid,
    concurrency: options.concurrency,
    tasks: plan.tasks.map((task) => freshTask(task.id, task.dependsOn, task.gate)),
    gates: [],
    checkpointedBatches: [],
    lastCheckpoint: null,
  };
}

/**
 * Lines a saved state up with the current plan for `build resume`: tasks that were running
 * when the build died go back to pending (they run again), tasks the plan no longer has are
 * dropped, new ones start pending, and dependencies and gates follow the plan.
 */
export function reconcileState(state: BuildState, plan: BuildPlan): BuildState {
  const saved = new Map(state.tasks.map((task) => [task.id, task]));
  const tasks = plan.tasks.map((task) => {
    const old = saved.get(task.id);
    if (!old) return freshTask(task.id, task.dependsOn, task.gate);
    const status = old.status === 'running' ? 'pending' : old.status;
    return {
      ...old,
      status,
      dependsOn: task.dependsOn,
      gate: task.gate,
      reason: old.status === 'running' ? 'interrupted; runs again' : old.reason,
    };
  });
  return { ...state, tasks };
}

/** A unique, sortable run id: the start time, to the millisecond. */
export function makeRunId(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('.', '');
}

function freshTask(id: string, dependsOn: string[], gate: string | null): TaskState {
  return {
    id,
    status: 'pending',
    dependsOn,
    gate,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    exitCode: null,
    attempts: 0,
    log: null,
    reason: null,
  };
}
