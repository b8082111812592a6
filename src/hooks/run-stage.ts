import { ToolMissingError, classifyError } from '../domain/errors.js';
import { SystemNotBuiltError } from './system-deps.js';
import type { StageOutcome } from './stage-outcome.js';

type Described = Pick<StageOutcome, 'status' | 'summary' | 'details' | 'internal'>;

/**
 * Runs one stage and turns every way it can end into an outcome: a system that is not in this
 * build is said, never pretended; a missing tool is a skip with its install hint; a user error
 * (bad config, bad spec) and a bug are errors that block, because a guard that silently passes
 * is worse than none.
 */
export async function runStage(stage: string, more: string | null, run: () => Promise<Described>): Promise<StageOutcome> {
  const start = performance.now();
  let described: Described;
  try {
    described = await run();
  } catch (error) {
    described = describeError(error);
  }
  return { stage, more, durationMs: Math.round(performance.now() - start), ...described };
}

export function describeError(error: unknown): Described {
  if (error instanceof SystemNotBuiltError) return { status: 'not-built', summary: `not run: ${error.message}`, details: [] };
  if (error instanceof ToolMissingError) return { status: 'skipped', summary: error.message, details: [] };
  const report = classifyError(error);
  if (report.kind === 'user') return { status: 'error', summary: report.line, details: [] };
  return { status: 'error', summary: report.line, details: report.details.slice(0, 5), internal: true };
}

/** Exit code for a list of outcomes: 1 when something blocks, 2 when input was bad, else 0. */
export function exitCodeOf(outcomes: readonly StageOutcome[]): number {
  if (outcomes.some((o) => o.status === 'failed')) return 1;
  if (outcomes.some((o) => o.status === 'error')) return outcomes.some((o) => o.internal) ? 1 : 2;
  return 0;
}

export function skippedOutcome(stage: string, summary: string): StageOutcome {
  return { stage, status: 'skipped', summary, details: [], more: null, durationMs: 0 };
}
