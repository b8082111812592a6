import { UserError } from '../domain/errors.js';
import type { BuildState, GateDecision } from './build-state.js';
import { isProcessAlive, openGates, readBuildState, writeBuildState } from './build-state.js';
import { applyAnswers, normaliseDecision, splitGateId, type GateAnswer } from './gates.js';
import { removeGateAnswer, writeGateAnswer } from './gate-answers.js';

export interface AnswerOptions {
  by: string;
  note?: string | null;
  now?: Date;
}

export interface AnswerResult {
  answer: GateAnswer;
  /** False when a live build process will fold the answer in itself. */
  recorded: boolean;
  state: BuildState;
}

/**
 * Answers a gate: `build approve|reject GATE`, and `build done TASK` (= approving
 * `TASK:incomplete`). The answer is written to its own file; when no build process is alive it
 * is folded into the build state at once, so status shows it and the next checkpoint holds it.
 */
export async function answerGate(root: string, gate: string, decision: GateDecision, options: AnswerOptions): Promise<AnswerResult> {
  const state = await readBuildState(root);
  if (!state) throw new UserError('no build in progress: start one with `br-guard build start`');
  const [taskId, kind] = splitGateId(gate);
  const open = openGates(state).find((record) => record.id === gate);
  const task = state.tasks.find((t) => t.id === taskId);
  const acceptable =
    open !== undefined ||
    (kind === 'incomplete' && task !== undefined && task.status !== 'running') ||
    (kind === 'declared' && task?.gate != null && task.status === 'pending');
  if (!acceptable) {
    const waiting = openGates(state).map((record) => record.id);
    throw new UserError(`no gate "${gate}" is waiting${waiting.length ? ` (waiting: ${waiting.join(', ')})` : ''}`);
  }
  const normalised = normaliseDecision(open?.kind ?? kind, decision);
  if (!normalised) throw new UserError(`gate "${gate}" cannot take "${decision}"`);
  const answer: GateAnswer = {
    gate,
    decision: normalised,
    by: options.by,
    at: (options.now ?? new Date()).toISOString(),
    note: options.note ?? null,
  };
  await writeGateAnswer(root, answer);
  if (state.state === 'running' && isProcessAlive(state.pid, state.pidStartTime)) return { answer, recorded: false, state };
  applyAnswers(state, [answer]);
  state.updatedAt = answer.at;
  await writeBuildState(root, state);
  await removeGateAnswer(root, gate);
  return { answer, recorded: true, state };
}
