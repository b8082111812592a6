import type { BuildState, GateDecision, GateRecord } from './build-state.js';
import type { PlanTask } from './plan-build.js';
import type { GateAnswer } from './gates.js';

/** What the executor reports as it goes (the CLI turns it into progress). */
export type BuildEvent =
  | { type: 'task-start'; task: string; attempt: number }
  | { type: 'task-end'; task: string; status: 'done' | 'failed'; durationMs: number; exitCode: number | null; log: string | null }
  | { type: 'gate'; gate: GateRecord }
  | { type: 'checkpoint'; name: string; batch: number }
  | { type: 'warning'; message: string };

/** Everything the executor touches outside memory, injected so the scheduler is tested without processes. */
export interface ExecutorDeps {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  /** Whether a path relative to the repo root exists. */
  fileExists: (repoPath: string) => Promise<boolean>;
  /** Runs a task's `run` command with output captured to `log` (repo-relative); resolves with its exit code. Abort kills it. */
  runCommand: (task: PlanTask, log: string, signal?: AbortSignal) => Promise<number>;
  /** Which of these features gap analysis finds complete. */
  completeFeatures: (featureIds: string[]) => Promise<Set<string>>;
  /** Writes an automatic checkpoint holding `stateFor(name)`; resolves with its name. */
  checkpoint: (label: string, stateFor: (name: string) => BuildState) => Promise<string>;
  saveState: (state: BuildState) => Promise<void>;
  readAnswers: () => Promise<GateAnswer[]>;
  consumeAnswer: (gate: string) => Promise<void>;
  recordDuration: (taskId: string, ms: number) => Promise<void>;
  /** Asks the person at the terminal; absent (or resolving null) without a TTY. */
  ask?: (gate: GateRecord, choices: GateDecision[]) => Promise<GateAnswer | null>;
  onEvent?: (event: BuildEvent) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface ExecuteOptions {
  concurrency: number;
  /** Keep starting independent tasks after one fails (Turborepo's `--continue`). */
  continueOnFailure?: boolean;
  /** Open a retry/skip/abort gate when a task fails (default true). */
  failureGates?: boolean;
  /** How often a build waiting on a gate with a timeout looks for answers. */
  pollMs?: number;
  /** Interrupts the build (Ctrl-C): running tasks are killed and go back to pending, the state is saved. */
  signal?: AbortSignal;
}
