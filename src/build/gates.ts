import type { BuildState, GateDecision, GateKind, GateRecord, TaskState } from './build-state.js';
import type { PlanTask } from './plan-build.js';

/** An answer to a gate: from a prompt, `build approve|reject|done`, or a timeout. */
export interface GateAnswer {
  gate: string;
  decision: GateDecision;
  by: string;
  at: string;
  note: string | null;
}

/** A declared gate's id is its task's id; smart gates add their kind. */
export function gateId(taskId: string, kind: GateKind): string {
  return kind === 'declared' ? taskId : `${taskId}:${kind}`;
}

/** What the person at a gate may answer, first the one that lets the build go on. */
export function gateChoices(kind: GateKind): GateDecision[] {
  return kind === 'failure' ? ['retry', 'skip', 'abort'] : ['approve', 'reject'];
}

/** Maps `approve`/`reject` onto a failure gate's `retry`/`abort`, and refuses what a gate cannot take. */
export function normaliseDecision(kind: GateKind, decision: GateDecision): GateDecision | null {
  if (kind === 'failure') {
    if (decision === 'approve') return 'retry';
    if (decision === 'reject') return 'abort';
  }
  return gateChoices(kind).includes(decision) ? decision : null;
}

/** Env variables and files (relative to the root) a task requires that are missing. */
export async function missingRequirements(
  task: Pick<PlanTask, 'requires'>,
  env: NodeJS.ProcessEnv,
  fileExists: (repoPath: string) => Promise<boolean>,
): Promise<string[]> {
  const missing = task.requires.env.filter((name) => !env[name]).map((name) => `env ${name}`);
  for (const file of task.requires.files) if (!(await fileExists(file))) missing.push(`file ${file}`);
  return missing;
}

/** Opens a gate on a task (the task waits unless the gate is about a failure). */
export function openGate(
  state: BuildState,
  task: TaskState,
  kind: GateKind,
  message: string,
  now: Date,
  timeout: { seconds: number | null; action: 'approve' | 'reject' | null } = { seconds: null, action: null },
): GateRecord {
  const record: GateRecord = {
    id: gateId(task.id, kind),
    taskId: task.id,
    kind,
    message,
    since: now.toISOString(),
    timeoutAt: timeout.seconds !== null ? new Date(now.getTime() + timeout.seconds * 1000).toISOString() : null,
    defaultAction: timeout.seconds !== null ? normaliseDecision(kind, timeout.action ?? 'reject') : null,
    decision: null,
    by: null,
    at: null,
    note: null,
  };
  state.gates.push(record);
  if (kind !== 'failure') task.status = 'waiting';
  return record;
}

/** Records an answer on an open gate and moves its task on. */
export function decideGate(state: BuildState, gate: GateRecord, answer: GateAnswer): void {
  const decision = normaliseDecision(gate.kind, answer.decision) ?? answer.decision;
  gate.decision = decision;
  gate.by = answer.by;
  gate.at = answer.at;
  gate.note = answer.note;
  const task = state.tasks.find((t) => t.id === gate.taskId);
  if (!task) return;
  if (decision === 'reject' || decision === 'abort') {
    task.status = 'failed';
    task.reason = `gate ${gate.id} ${decision === 'reject' ? 'rejected' : 'aborted'} by ${answer.by}${answer.note ? `: ${answer.note}` : ''}`;
  } else if (decision === 'skip') {
    task.status = 'skipped';
    task.reason = `skipped at gate ${gate.id} by ${answer.by}`;
  } else if (gate.kind === 'incomplete') {
    markDone(task, answer);
  } else {
    task.status = 'pending';
    task.reason = null;
  }
}

function markDone(task: TaskState, answer: GateAnswer): void {
  task.status = 'done';
  task.finishedAt = answer.at;
  task.reason = `marked done by ${answer.by}`;
}

/**
 * Folds answers into the state. An answer to an open gate decides it; `<task>:incomplete`
 * (from `build done`) marks a task done even before it waits; an answer to a declared gate
 * that has not opened yet approves it in advance. Returns the answers that were used.
 */
export function applyAnswers(state: BuildState, answers: readonly GateAnswer[]): GateAnswer[] {
  const used: GateAnswer[] = [];
  for (const answer of answers) {
    const open = state.gates.find((gate) => gate.id === answer.gate && gate.decision === null);
    if (open) {
      decideGate(state, open, answer);
      used.push(answer);
      continue;
    }
    const [taskId, kind] = splitGateId(answer.gate);
    const task = state.tasks.find((t) => t.id === taskId);
    if (!task) continue;
    if (kind === 'incomplete' && task.status !== 'running') {
      const record = openGate(state, task, 'incomplete', 'marked done by hand', new Date(answer.at));
      decideGate(state, record, answer);
      used.push(answer);
    } else if (kind === 'declared' && task.gate !== null && task.status === 'pending') {
      const record = openGate(state, task, 'declared', task.gate, new Date(answer.at));
      decideGate(state, record, answer);
      used.push(answer);
    }
  }
  return used;
}

export function splitGateId(id: string): [string, GateKind] {
  const match = /^(.*):(requires|failure|incomplete)$/.exec(id);
  return match ? [match[1]!, match[2] as GateKind] : [id, 'declared'];
}

/** Whether a task's declared gate has been approved in this run. */
export function gateApproved(state: BuildState, taskId: string, kind: GateKind): boolean {
  const id = gateId(taskId, kind);
  return state.gates.some((gate) => gate.id === id && gate.decision === 'approve');
}

/** Applies the default action of every open gate whose timeout has passed. Returns how many. */
export function expireGates(state: BuildState, now: Date): number {
  let expired = 0;
  for (const gate of state.gates) {
    if (gate.decision !== null || gate.timeoutAt === null || Date.parse(gate.timeoutAt) > now.getTime()) continue;
    decideGate(state, gate, { gate: gate.id, decision: gate.defaultAction ?? 'reject', by: 'timeout', at: now.toISOString(), note: null });
    expired++;
  }
  return expired;
}
