/** Exit codes shared by every command (see CONTRACT.md). */
export const ExitCode = {
  ok: 0,
  blocking: 1,
  usage: 2,
  paused: 3,
  /** A bug in br-guard (EX_SOFTWARE): never the user's input. */
  internal: 70,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
