import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../domain/errors.js';
import { writeJsonAtomic } from '../adapters/file-system.js';
import { isProcessRunning } from '../adapters/process-liveness.js';

/** Task statuses as `build status --json` shows them. `ready` is derived, never stored. */
export type TaskStatus = 'pending' | 'ready' | 'running' | 'done' | 'failed' | 'skipped' | 'waiting';
export type StoredTaskStatus = Exclude<TaskStatus, 'ready'>;
export type BuildPhase = 'running' | 'paused' | 'failed' | 'done';

/**
 * Why a gate waits: `declared` (a `**Gate:**` before the task), `requires` (an input the task
 * needs is missing), `failure` (the task failed: retry, skip or abort), `incomplete` (a task
 * without `run` whose feature gap analysis does not find complete).
 */
export type GateKind = 'declared' | 'requires' | 'failure' | 'incomplete';
export type GateDecision = 'approve' | 'reject' | 'retry' | 'skip' | 'abort';

export interface GateRecord {
  /** A declared gate's id is its task's id; smart gates are `<task>:requires|failure|incomplete`. */
  id: string;
  taskId: string;
  kind: GateKind;
  message: string;
  since: string;
  /** When the default action applies by itself, or null without a timeout. */
  timeoutAt: string | null;
  defaultAction: GateDecision | null;
  decision: GateDecision | null;
  by: string | null;
  at: string | null;
  note: string | null;
}

export interface TaskState {
  id: string;
  status: StoredTaskStatus;
  dependsOn: string[];
  /** The declared gate's message, kept so gates can be answered without re-reading the spec. */
  gate: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  exitCode: number | null;
  attempts: number;
  /** The task's log, relative to the repo root. */
  log: string | null;
  reason: string | null;
}

/** `.buildrunner/build-state.json`. */
export interface BuildState {
  version: 1;
  runId: string;
  state: BuildPhase;
  startedAt: string;
  updatedAt: string;
  /** The process driving the build while `state` is `running`. */
  pid: number | null;
  /**
   * That process's start time (see `ProcessIdentity`): a pid alone also names a zombie or a
   * stranger that reused it. Absent in state files of older versions.
   */
  pidStartTime?: string | null;
  concurrency: number;
  tasks: TaskState[];
  /** Every gate of this run, open (decision null) and answered. */
  gates: GateRecord[];
  /** Batch indexes whose automatic checkpoint was written. */
  checkpointedBatches: number[];
  lastCheckpoint: string | null;
}

export function buildStatePath(root: string): string {
  return join(root, '.buildrunner', 'build-state.json');
}

/** The saved build state, or null when no build has started. Exit 2 when the file is unusable. */
export async function readBuildState(root: string): Promise<BuildState | null> {
  let text: string;
  try {
    text = await readFile(buildStatePath(root), 'utf8');
  } catch {
    return null;
  }
  return parseBuildState(text);
}

export function parseBuildState(text: string): BuildState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError('build state is not valid JSON (remove it to start over)', { file: '.buildrunner/build-state.json' });
  }
  const state = value as BuildState;
  if (!state || typeof state !== 'object' || state.version !== 1 || !Array.isArray(state.tasks) || !Array.isArray(state.gates)) {
    throw new InputError('build state has an unknown format (remove it to start over)', { file: '.buildrunner/build-state.json' });
  }
  return state;
}

/** Written atomically: a reader sees the old state or the new one, never half. */
export async function writeBuildState(root: string, state: BuildState): Promise<void> {
  await writeJsonAtomic(buildStatePath(root), state);
}

export async function removeBuildState(root: string): Promise<void> {
  await rm(buildStatePath(root), { force: true });
}

/** True while a build is running or paused at a gate (hooks use this to stay out of its way). */
export async function isBuildActive(root: string): Promise<boolean> {
  const state = await readBuildState(root);
  return state !== null && (state.state === 'running' || state.state === 'paused');
}

/**
 * Whether the process that owns a running build is still alive: not gone, not a zombie, and not
 * a stranger that reused its pid (the recorded start time differs).
 */
export function isProcessAlive(pid: number | null, startTime?: string | null): boolean {
  return pid ? isProcessRunning(pid, startTime) : false;
}

/** The open gates, oldest first. */
export function openGates(state: BuildState): GateRecord[] {
  return state.gates.filter((gate) => gate.decision === null);
}

/** A task's status as shown to users: pending tasks whose dependencies are all met are `ready`. */
export function displayStatus(state: BuildState, task: TaskState): TaskStatus {
  return displayStatuses(state).get(task.id)?.status ?? task.status;
}

/**
 * Every task's status as shown to users, in one pass: a pending task is `ready` when its
 * dependencies are all met; once a run has ended `failed`, a pending task that (transitively)
 * depends on a failed one is `skipped`, with the failed task named. Derived, never stored, so
 * `build resume` and `build done` need nothing undone.
 */
export function displayStatuses(state: BuildState): Map<string, { status: TaskStatus; blockedBy: string | null }> {
  const byId = new Map(state.tasks.map((task) => [task.id, task]));
  const blockedBy = state.state === 'failed' ? failedAncestors(state.tasks) : new Map<string, string>();
  const shown = new Map<string, { status: TaskStatus; blockedBy: string | null }>();
  for (const task of state.tasks) {
    if (task.status !== 'pending') {
      shown.set(task.id, { status: task.status, blockedBy: null });
      continue;
    }
    const failed = blockedBy.get(task.id);
    if (failed !== undefined) {
      shown.set(task.id, { status: 'skipped', blockedBy: failed });
      continue;
    }
    const met = task.dependsOn.every((dep) => {
      const status = byId.get(dep)?.status;
      return status === 'done' || status === 'skipped';
    });
    shown.set(task.id, { status: met ? 'ready' : 'pending', blockedBy: null });
  }
  return shown;
}

/** For each pending task below a failed one: the failed task it waits on (breadth first, no recursion). */
function failedAncestors(tasks: TaskState[]): Map<string, string> {
  const dependents = new Map<string, string[]>();
  for (const task of tasks) {
    for (const dep of task.dependsOn) {
      const list = dependents.get(dep);
      if (list) list.push(task.id);
      else dependents.set(dep, [task.id]);
    }
  }
  const pending = new Set(tasks.filter((task) => task.status === 'pending').map((task) => task.id));
  const blocked = new Map<string, string>();
  const queue: Array<[string, string]> = tasks.filter((task) => task.status === 'failed').map((task) => [task.id, task.id]);
  for (let head = 0; head < queue.length; head++) {
    const [id, failed] = queue[head]!;
    for (const next of dependents.get(id) ?? []) {
      if (!pending.has(next) || blocked.has(next)) continue;
      blocked.set(next, failed);
      queue.push([next, failed]);
    }
  }
  return blocked;
}
