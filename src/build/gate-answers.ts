import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../adapters/file-system.js';
import type { GateAnswer } from './gates.js';

/**
 * Answers to gates live one file per gate under `.buildrunner/gate-answers/`, so that
 * `build approve` never rewrites the build state under a build process that is still running:
 * the process that owns the state folds the answers in.
 */
export function gateAnswersDir(root: string): string {
  return join(root, '.buildrunner', 'gate-answers');
}

function answerFile(root: string, gate: string): string {
  return join(gateAnswersDir(root), `${encodeURIComponent(gate)}.json`);
}

export async function writeGateAnswer(root: string, answer: GateAnswer): Promise<void> {
  await writeJsonAtomic(answerFile(root, answer.gate), answer);
}

/** Every answer waiting to be folded in, oldest first. Unreadable files are ignored. */
export async function readGateAnswers(root: string): Promise<GateAnswer[]> {
  let names: string[];
  try {
    names = await readdir(gateAnswersDir(root));
  } catch {
    return [];
  }
  const answers: GateAnswer[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    try {
      const value = JSON.parse(await readFile(join(gateAnswersDir(root), name), 'utf8')) as GateAnswer;
      if (typeof value.gate === 'string' && typeof value.decision === 'string') answers.push(value);
    } catch {
      // A half-written answer cannot exist (atomic writes); anything else is not ours to read.
    }
  }
  return answers.sort((a, b) => a.at.localeCompare(b.at));
}

export async function removeGateAnswer(root: string, gate: string): Promise<void> {
  await rm(answerFile(root, gate), { force: true });
}
