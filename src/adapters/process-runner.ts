import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
 * timeout or abort the whole process tree is killed, not just the direct child.
 */
export function runProcess(bin: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = traced(bin) ? performance.now() : null;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // In br-guard's own process group, never a group or session of its own: when the hook is
      // killed with its whole group (git's SIGKILL, a terminal's Ctrl-C), every child goes with it,
      // so no git process of a dead hook goes on writing the index or the work tree. A timeout or
      // an abort still kills the whole tree: killTree finds the descendants by their parent pids.
      detached: false,
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
      if (started !== null) trace(bin, args, code, performance.now() - started);
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

/**
 * `BR_GUARD_DEBUG=git` traces every git command br-guard runs (`BR_GUARD_DEBUG=process`: every
 * program): on stderr, the arguments, exit code and milliseconds, so a slow hook or a command run
 * twice can be seen from the outside.
 */
function traced(bin: string): boolean {
  const debug = process.env.BR_GUARD_DEBUG ?? '';
  return /(^|,)process(,|$)/.test(debug) || (bin === 'git' && /(^|,)git(,|$)/.test(debug));
}

function trace(bin: string, args: readonly string[], code: number | null, ms: number): void {
  process.stderr.write(`br-guard: ran ${bin} ${args.map((arg) => JSON.stringify(arg)).join(' ')} (exit ${code}, ${Math.round(ms)} ms)\n`);
}

function killTree(pid: number | undefined): void {
  if (!pid) return;
  // Frozen first, the child then each descendant as found (while their parents still exist), so
  // none of them reacts to another's death meanwhile (a shell running its next command) or forks
  // again; then all killed, the child last.
  signal(pid, 'SIGSTOP');
  const descendants = descendantsOf(pid, readProcessTable());
  for (const descendant of descendants) signal(descendant, 'SIGSTOP');
  for (const descendant of descendants) signal(descendant, 'SIGKILL');
  signal(pid, 'SIGKILL');
}

function signal(pid: number, name: 'SIGSTOP' | 'SIGKILL'): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone (or no such signal here).
  }
}

/** Every process below `root` in a pid → parent pid table, deepest last. */
export function descendantsOf(root: number, table: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, parent] of table) children.set(parent, [...(children.get(parent) ?? []), pid]);
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (found.includes(child) || child === root) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** `ps -A -o pid=,ppid=` output as pid → parent pid. */
export function parsePsTable(text: string): Map<number, number> {
  const table = new Map<number, number>();
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
    if (match) table.set(Number(match[1]), Number(match[2]));
  }
  return table;
}

/** pid → parent pid of every process: from /proc on Linux, from ps elsewhere. */
function readProcessTable(): Map<number, number> {
  if (process.platform === 'win32') return new Map();
  if (process.platform === 'linux') {
    const table = new Map<number, number>();
    for (const name of readdirSafe('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const text = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(
          text
            .slice(text.lastIndexOf(')') + 1)
            .trim()
            .split(/\s+/)[1],
        );
        if (parent) table.set(Number(name), parent);
      } catch {
        // Exited meanwhile.
      }
    }
    return table;
  }
  try {
    return parsePsTable(execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return new Map();
  }
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
