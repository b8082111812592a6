import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built CLI entry (dist/src/cli/main.js). */
export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not exactly one JSON document). */
  json: <T = any>() => T;
}

/** Runs the built CLI as a real process, the way users and hooks do. */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // A command that never exits (a worker thread holding the process) fails instead of hanging the suite.
    timeout: 180_000,
  });
  const stdout = result.stdout ?? '';
  return {
    code: result.status ?? 1,
    stdout,
    stderr: result.stderr ?? '',
    json: <T>() => JSON.parse(stdout) as T,
  };
}
