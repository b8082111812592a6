import { ExitCode } from './exit-codes.js';

/**
 * The few error types br-guard knows. A `UserError` is the user's to fix (bad flag, bad spec,
 * not a git repo): the CLI prints its one line and exits with its code. Anything else that
 * reaches the top-level catch is a bug in br-guard.
 */

/** Where in a file the problem is, so the message can say `file:line`. */
export interface SourceLocation {
  file: string;
  line?: number;
}

export class UserError extends Error {
  readonly exitCode: number;
  readonly location: SourceLocation | undefined;

  constructor(message: string, options: { exitCode?: number; location?: SourceLocation } = {}) {
    super(message);
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? 2;
    this.location = options.location;
  }

  /** The one line the CLI prints: `file:line: message`, or the message alone. */
  toLine(): string {
    return this.location ? `${formatLocation(this.location)}: ${this.message}` : this.message;
  }
}

/** Bad input: a spec, config or state file that cannot be read or does not validate. */
export class InputError extends UserError {
  constructor(message: string, location?: SourceLocation) {
    super(message, location ? { exitCode: 2, location } : { exitCode: 2 });
    this.name = 'InputError';
  }
}

/** A bad command line: unknown flag, missing argument, conflicting options. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** An external tool that is not installed; checks turn this into `skipped`. */
export class ToolMissingError extends Error {
  readonly tool: string;
  readonly installHint: string;

  constructor(tool: string, installHint: string) {
    super(`${tool} is not installed (${installHint})`);
    this.name = 'ToolMissingError';
    this.tool = tool;
    this.installHint = installHint;
  }
}

export function formatLocation(location: SourceLocation): string {
  return location.line ? `${location.file}:${location.line}` : location.file;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * What any boundary (CLI, fast hook entry, one hook stage) knows about an error, as data: the
 * one line to print, its exit code, and whether it is a bug. One classifier, so the three
 * boundaries cannot word or code the same case differently.
 */
export interface ErrorReport {
  kind: 'user' | 'internal';
  exitCode: number;
  /** `file:line: message` for a user error; `internal error: message` for a bug. */
  line: string;
  /** A bug's stack (BR_GUARD_DEBUG=1) or the hint how to see it; empty for a user error. */
  details: string[];
}

export function classifyError(error: unknown, env: { BR_GUARD_DEBUG?: string | undefined } = process.env): ErrorReport {
  if (isUserError(error)) return { kind: 'user', exitCode: error.exitCode, line: error.toLine(), details: [] };
  const message = error instanceof Error ? error.message : String(error);
  const stack = env.BR_GUARD_DEBUG === '1' && error instanceof Error && error.stack ? error.stack.split('\n').slice(1) : null;
  return {
    kind: 'internal',
    exitCode: ExitCode.internal,
    line: `internal error: ${message}`,
    details: stack ?? ['This is a bug in br-guard. Rerun with BR_GUARD_DEBUG=1 to see the stack, and report it.'],
  };
}

/** The lines a top-level boundary writes to stderr for an error. */
export function errorLines(report: ErrorReport): string[] {
  return [`br-guard: ${report.line}`, ...report.details.map((line) => (line.startsWith('    ') ? line : `  ${line}`))];
}
