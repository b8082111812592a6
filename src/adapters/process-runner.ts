import { spawn } from 'node:child_process';
import { ToolMissingError } from '../domain/errors.js';

export interface RunOptions {
  cwd: string;
  /** Written to the child's stdin, then closed. */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Kill the whole process tree after this many milliseconds. */
  timeoutMs?: number;
  /** How to install the tool, used when it is missing. */
  installHint?: string;
  /** Capture stdout as a Buffer (for binary blobs). */
  binary?: boolean;
  /** Sees every chunk as it arrives (to stream a long task's output to its log). */
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  /** Aborting kills the whole process tree (Ctrl-C of a build stops its tasks too). */
  signal?: AbortSignal;
}

export interface RunResult {
  code: number;
  stdout: string;
  stdoutBuffer: Buffer;
  stderr: string;
  timedOut: boolean;
  signal: NodeJS.Signals | null;
}

/**
 * The one way br-guard starts another program: a binary plus an argument array, never a shell
 * string, so file names are never interpreted. A missing binary becomes `ToolMissingError`; on
 * timeout the whole process group is killed, not just the direct child.
 */
export function runProcess(bin: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Own process group, so a timeout can kill grandchildren too.
      detached: process.platform !== 'win32',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs) {
      timer = setTimeout(() => {
        timedOut = true;
        killTree(child.pid);
      }, options.timeoutMs);
    }
    const onAbort = () => killTree(child.pid);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      options.onOutput?.(chunk, 'stdout');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      options.onOutput?.(chunk, 'stderr');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      if (error.code === 'ENOENT') {
        reject(new ToolMissingError(bin, options.installHint ?? `install ${bin} and put it on PATH`));
      } else {
        reject(error);
      }
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const stdoutBuffer = Buffer.concat(out);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: options.binary ? '' : stdoutBuffer.toString('utf8'),
        stdoutBuffer,
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        signal,
      });
    });
    child.stdin.on('error', () => {
      // The child may exit before reading its input (EPIPE); its exit code tells the story.
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

function killTree(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
