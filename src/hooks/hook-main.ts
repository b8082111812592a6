import { classifyError, errorLines } from '../domain/errors.js';
import { HOOK_NAMES, readAllStdin, runHook } from './run-hook.js';
import { loaderFor } from '../adapters/load-now.js';

const requireNow = loaderFor(import.meta.url);

/** Whether argv (after `node main.js`) is a plain hook call the fast entry can serve. */
export function isFastHookCall(argv: readonly string[]): boolean {
  return argv[0] === 'hook' && (HOOK_NAMES as readonly string[]).includes(argv[1] ?? '') && !argv.some((arg) => arg.startsWith('-'));
}

/**
 * The hot path: `br-guard hook <name>` as git runs it on every commit. It skips commander and
 * the command registry (tens of milliseconds) and loads only what the hook needs, with the
 * same error boundary as the CLI: a user error is one line and its exit code, anything else
 * a bug with the way to see its stack.
 */
export async function runFastHook(argv: readonly string[]): Promise<number> {
  const stderr = (text: string): void => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const color = !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0' && Boolean(process.stderr.isTTY);
  try {
    return await runHook(argv[1]!, argv.slice(2), {
      env: process.env,
      color,
      stderr,
      readStdin: readAllStdin,
      // Loaded at once (not import()), so its git process starts at the call, beside what loads next.
      // HEAD read in the same git call: a pre-commit pins it (run-pre-commit.ts).
      openGit: () => requireNow<typeof import('../adapters/git.js')>('../adapters/git.js').Git.open(process.cwd(), { readHead: true }),
      cwd: process.cwd(),
    });
  } catch (error) {
    const report = classifyError(error);
    stderr(errorLines(report).join('\n'));
    return report.exitCode;
  }
}
