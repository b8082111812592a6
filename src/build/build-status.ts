import type { BuildState, TaskStatus } from './build-state.js';
import { displayStatuses, isProcessAlive, openGates } from './build-state.js';
import type { BuildPlan } from './plan-build.js';

/** What `build status --json` prints (CONTRACT.md), plus details for people. */
export interface BuildStatusReport {
  state: 'idle' | 'running' | 'paused' | 'failed' | 'done';
  tasks: Array<{ id: string; status: TaskStatus; attempts: number; durationMs: number | null; reason: string | null; log: string | null }>;
  gate: null | { id: string; message: string; since: string; kind: string; choices: string[] };
  /** Every gate that waits (the contract's `gate` is the first). */
  gates: Array<{ id: string; message: string; since: string; kind: string }>;
  lastCheckpoint: string | null;
  runId: string | null;
  /** The state says running, but its process is gone (killed): `build resume` continues. */
  interrupted: boolean;
}

/** Status of the saved run, or of the plan when no run exists (`idle`). */
export function buildStatus(state: BuildState | null, plan: BuildPlan | null, latestCheckpoint: string | null): BuildStatusReport {
  if (!state) {
    const tasks = (plan?.tasks ?? []).map((task) => ({
      id: task.id,
      status: (task.dependsOn.length === 0 ? 'ready' : 'pending') as TaskStatus,
      attempts: 0,
      durationMs: null,
      reason: null,
      log: null,
    }));
    return { state: 'idle', tasks, gate: null, gates: [], lastCheckpoint: latestCheckpoint, runId: null, interrupted: false };
  }
  const interrupted = state.state === 'running' && state.pid !== process.pid && !isProcessAlive(state.pid, state.pidStartTime);
  const gates = openGates(state).map((gate) => ({ id: gate.id, message: gate.message, since: gate.since, kind: gate.kind }));
  const first = gates[0];
  const shown = displayStatuses(state);
  return {
    state: interrupted ? 'paused' : state.state,
    tasks: state.tasks.map((task) => {
      const { status, blockedBy } = shown.get(task.id)!;
      return {
        id: task.id,
        status,
        attempts: task.attempts,
        durationMs: task.durationMs,
        reason: blockedBy === null ? task.reason : `not run: depends on ${blockedBy}, which failed`,
        log: task.log,
      };
    }),
    gate: first ? { ...first, choices: first.kind === 'failure' ? ['retry', 'skip', 'abort'] : ['approve', 'reject'] } : null,
    gates,
    lastCheckpoint: state.lastCheckpoint ?? latestCheckpoint,
    runId: state.runId,
    interrupted,
  };
}
