import { ToolMissingError, classifyError } from '../domain/errors.js';
import { ExitCode } from '../domain/exit-codes.js';
import { traceMark } from '../adapters/trace-marks.js';
import type { StageOutcome } from './stage-outcome.js';

type Described = Pick<StageOutcome, 'status' | 'summary' | 'details' | 'error'>;

/**
 * Runs one stage and turns every way it can end into an outcome: a missing tool is a skip with
 * its install hint; a user error (bad config, bad spec) and a bug are errors that block, because
 * a guard that silently passes is worse than none. Which error is which is the classifier's to
 * say (`classifyError`), here as at the CLI's and the hook entry's boundary.
 */
export async function runStage(stage: string, more: string | null, run: () => Promise<Described>): Promise<StageOutcome> {
  const start = performance.now();
  let described: Described;
  try {
    described = await run();
  } catch (error) {
    described = describeError(error);
  }
  traceMark(`stage ${stage}: ${described.status}`);
  return { stage, more, durationMs: Math.round(performance.now() - start), ...described };
}

export function describeError(error: unknown): Described {
  if (error instanceof ToolMissingError) return { status: 'skipped', summary: error.message, details: [] };
  const report = classifyError(error);
  return {
    status: 'error',
    summary: report.line,
    details: report.kind === 'internal' ? report.details.slice(0, 5) : [],
    error: { kind: report.kind, exitCode: report.exitCode },
  };
}

/**
 * The one exit code for a run's outcomes (a hook's stages, `check`'s systems): a bug in
 * br-guard first (`ExitCode.internal`: the verdict is not to be trusted), then something
 * blocking (1), then an error's own code (bad input: 2), else 0.
 */
export function exitCodeFor(outcomes: readonly Pick<StageOutcome, 'status' | 'error'>[]): number {
  if (outcomes.some((o) => o.error?.kind === 'internal')) return ExitCode.internal;
  if (outcomes.some((o) => o.status === 'failed')) return ExitCode.blocking;
  const error = outcomes.find((o) => o.status === 'error');
  if (error) return error.error?.exitCode ?? ExitCode.usage;
  return ExitCode.ok;
}

/** What one outcome alone exits with: `check`'s per-stage `exitCode` (null when the stage did not run). */
export function stageExitCode(outcome: Pick<StageOutcome, 'status' | 'error'>): number | null {
  return outcome.status === 'skipped' ? null : exitCodeFor([outcome]);
}

export function skippedOutcome(stage: string, summary: string): StageOutcome {
  return { stage, status: 'skipped', summary, details: [], more: null, durationMs: 0 };
}
