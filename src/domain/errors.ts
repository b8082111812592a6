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
