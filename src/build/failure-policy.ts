/** What a failed task does to the build: `gate` pauses for a person (exit 3), `fail` ends the run (exit 1). */
export type FailurePolicy = 'gate' | 'fail';

/** What decides the default: whether a person is at the terminal. Injected so tests need no TTY. */
export interface Terminal {
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

/**
 * The flag wins, then `build.onFailure`, then the terminal: `gate` only when someone can answer
 * the gate (stdin is a TTY and this is not CI). A script or CI job that got exit 3 would wait
 * for an answer nobody gives; exit 1 is what they expect.
 */
export function resolveFailurePolicy(
  flag: FailurePolicy | undefined,
  configured: FailurePolicy | undefined,
  terminal: Terminal,
): FailurePolicy {
  if (flag) return flag;
  if (configured) return configured;
  return terminal.stdinIsTTY && !isCi(terminal.env) ? 'gate' : 'fail';
}

/** `CI` set to anything but an explicit no (`false`, `0`, empty): how GitHub, GitLab, CircleCI and others say so. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  return value !== undefined && !['', '0', 'false'].includes(value.trim().toLowerCase());
}
