import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runProcess } from '../adapters/process-runner.js';

/**
 * How to run a command line the user wrote in `build.tasks.<id>.run`: through the platform
 * shell, because the user wrote it for one (pipes, `&&`, env). br-guard never builds such a
 * line itself, and never puts file names in one.
 */
export function shellInvocation(command: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'win32') return [process.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', command]];
  return ['/bin/sh', ['-c', command]];
}

export interface TaskCommandOptions {
  env: NodeJS.ProcessEnv;
  runId: string;
  /** Also sees the output (e.g. `build task` in CI shows it live). */
  echo?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

/** Runs a task's command in the repo root, its output (stdout and stderr) streamed to `log`. Resolves with the exit code. */
export async function runTaskCommand(
  root: string,
  task: { id: string; run: string | null },
  log: string,
  options: TaskCommandOptions,
): Promise<number> {
  const file = join(root, log);
  await mkdir(dirname(file), { recursive: true });
  const stream = createWriteStream(file);
  const [bin, args] = shellInvocation(task.run ?? 'true');
  try {
    const result = await runProcess(bin, args, {
      cwd: root,
      env: { ...options.env, BR_GUARD_TASK: task.id, BR_GUARD_RUN: options.runId },
      ...(options.signal ? { signal: options.signal } : {}),
      onOutput: (chunk) => {
        stream.write(chunk);
        options.echo?.(chunk);
      },
    });
    return result.code;
  } finally {
    await new Promise<void>((resolve) => stream.end(resolve));
  }
}
