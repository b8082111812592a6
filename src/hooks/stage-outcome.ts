import type { ErrorReport } from '../domain/errors.js';

/** What one stage of a hook (or of `br-guard check`) came to. */
export interface StageOutcome {
  stage: string;
  status: 'passed' | 'failed' | 'skipped' | 'error';
  /** One short line. */
  summary: string;
  /** Only for what failed: one line per finding, already trimmed to a readable number. */
  details: string[];
  /** The command that shows everything about this stage. */
  more: string | null;
  durationMs: number;
  /** For a stage that threw: what the classifier made of the error (a bug, or the user's input), and its exit code. */
  error?: Pick<ErrorReport, 'kind' | 'exitCode'>;
}

/** What a hook run comes to: its exit code and what to print. */
export interface HookResult {
  exitCode: number;
  outcomes: StageOutcome[];
  /** Lines said before the stages (skips, leftovers, rebase). */
  notes: string[];
}

const MAX_DETAILS = 10;

const marks: Record<StageOutcome['status'], string> = {
  passed: '✓',
  failed: '✗',
  skipped: '-',
  error: '!',
};

/** Caps a list of detail lines and says how many were left out. */
export function capDetails(lines: string[], max = MAX_DETAILS): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

/**
 * The hook's text: one short line per stage; details (which describers give only for what
 * failed, and post-merge for new gaps) and the command to see more for stages that failed.
 */
export function formatHookResult(hook: string, result: HookResult, color: boolean): string {
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = [...result.notes];
  for (const outcome of result.outcomes) {
    const mark = marks[outcome.status];
    const tint = outcome.status === 'passed' ? 32 : outcome.status === 'failed' || outcome.status === 'error' ? 31 : 33;
    const took = outcome.durationMs >= 1 ? ` ${paint(2, `(${formatDuration(outcome.durationMs)})`)}` : '';
    lines.push(`${paint(tint, mark)} ${hook} ${outcome.stage}: ${outcome.summary}${took}`);
    for (const detail of outcome.details) lines.push(`    ${detail}`);
    if (outcome.more && (outcome.status === 'failed' || outcome.status === 'error')) lines.push(`    see more: ${outcome.more}`);
  }
  return lines.join('\n');
}

/** `850 ms`, `2.4 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function location(file: string | null, line: number | null): string {
  if (!file) return '';
  return line ? `${file}:${line}` : file;
}
