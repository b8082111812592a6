import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { FIXED_GIT_FLAGS } from './git.js';

/** One object as `cat-file --batch` (content) or `--batch-check` (header only) answers it. */
export interface BatchAnswer {
  type: string;
  size: number;
  /** Only from a content reader. */
  content?: Buffer;
}

/**
 * How long a reader with nothing to do keeps its git process. Long enough to outlast a
 * pre-commit's wait for the warm worker (reads before it and after it share one process), short
 * enough that a long-lived process does not hold one for nothing.
 */
const IDLE_MS = 1000;

interface Pending {
  names: string[];
  answers: Array<BatchAnswer | null>;
  resolve: (answers: Array<BatchAnswer | null>) => void;
  reject: (error: Error) => void;
}

/**
 * A long-lived `git cat-file --batch` (or `--batch-check`) for object ids: the stages of one hook
 * read their blobs through one git process instead of one (or two) each; every spawn costs the
 * hook a fork of itself. Requests are answered in order, as git answers its input lines. The
 * process is not waited for (unref) and ends a moment after its last request, or with its parent:
 * its stdin closes then, which is what ends `cat-file --batch`. Only object ids go through it: a
 * `rev:path` name could change meaning under a process that read the index once.
 */
export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private idle: NodeJS.Timeout | null = null;

  constructor(
    private readonly cwd: string,
    private readonly mode: '--batch' | '--batch-check',
  ) {}

  /** Answers for `ids` (objects that are missing are null); rejects when the process fails. */
  read(ids: readonly string[]): Promise<Array<BatchAnswer | null>> {
    if (!ids.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const child = this.process();
      if (this.idle) clearTimeout(this.idle);
      this.idle = null;
      if (!this.queue.length) this.setRef(true);
      this.queue.push({ names: [...ids], answers: [], resolve, reject });
      child.stdin.write(`${ids.join('\n')}\n`);
    });
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', [...FIXED_GIT_FLAGS, 'cat-file', this.mode], {
      cwd: this.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    child.unref();
    // Events of a process this reader already let go (closed when idle) are not about the current one.
    const current = (): boolean => this.child === child;
    child.stdout.on('data', (chunk: Buffer) => current() && this.receive(chunk));
    child.stderr.resume();
    // A pipe error (the process gone) is reported through 'close' below.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => current() && this.fail(error));
    child.on('close', (code) => current() && this.fail(new Error(`git cat-file ${this.mode} ended (exit ${code})`)));
    return child;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (this.queue.length) {
      const head = this.queue[0]!;
      const answer = this.parseOne();
      if (answer === undefined) return;
      head.answers.push(answer);
      if (head.answers.length === head.names.length) {
        this.queue.shift();
        head.resolve(head.answers);
      }
    }
    if (!this.queue.length) this.becameIdle();
  }

  /** The next answer in the buffer, consumed; undefined when it has not fully arrived. */
  private parseOne(): BatchAnswer | null | undefined {
    const end = this.buffer.indexOf(10);
    if (end === -1) return undefined;
    const header = this.buffer.subarray(0, end).toString('latin1');
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      // `<name> missing` (or ambiguous): a line, no content.
      this.buffer = this.buffer.subarray(end + 1);
      return null;
    }
    const size = Number(match[2]);
    if (this.mode === '--batch-check') {
      this.buffer = this.buffer.subarray(end + 1);
      return { type: match[1]!, size };
    }
    // Content, then one newline.
    if (this.buffer.length < end + 1 + size + 1) return undefined;
    const content = Buffer.from(this.buffer.subarray(end + 1, end + 1 + size));
    this.buffer = this.buffer.subarray(end + 1 + size + 1);
    return { type: match[1]!, size, content };
  }

  private becameIdle(): void {
    this.setRef(false);
    this.idle = setTimeout(() => this.close(), IDLE_MS);
    this.idle.unref();
  }

  /** While a request waits, its pipe keeps the process alive; otherwise nothing is waited for. */
  private setRef(on: boolean): void {
    const child = this.child;
    if (!child) return;
    for (const stream of [child.stdin, child.stdout, child.stderr] as Array<{ ref?: () => void; unref?: () => void }>)
      if (on) stream.ref?.();
      else stream.unref?.();
  }

  private close(): void {
    const child = this.child;
    this.child = null;
    this.buffer = Buffer.alloc(0);
    child?.stdin.end();
  }

  private fail(error: Error): void {
    this.child = null;
    this.buffer = Buffer.alloc(0);
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }
}
