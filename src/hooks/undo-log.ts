import { readFile, rm, stat, chmod } from 'node:fs/promises';
import { readIndexWithTime } from '../adapters/index-timestamp.js';
import { writeFileAtomic } from '../adapters/file-system.js';
import { replaceIndexUnderLock } from './index-lock.js';

/**
 * What a hook must put back if it stops half-way (a conflict, SIGINT, SIGTERM): the exact
 * bytes of every work tree file before its first write, and the raw index. Restoring from
 * memory is byte-exact and needs no git process, so it also works inside a signal handler.
 */
export class UndoLog {
  private readonly files = new Map<string, { bytes: Buffer | null; mode: number | null }>();
  /** What this hook last saw or wrote in a file; anything else there now is someone else's edit. */
  private readonly expected = new Map<string, Buffer>();
  private index: { path: string; bytes: Buffer; mtime: Date } | null = null;
  private indexChanged = false;
  /** Writes (files, the index) under way; a stop waits for them before it puts anything back. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  async rememberIndex(indexPath: string): Promise<void> {
    if (this.index) return;
    try {
      this.index = { path: indexPath, ...(await readIndexWithTime(indexPath)) };
    } catch {
      this.index = null;
    }
  }

  /** True once a signal's stop began: the hook's flow must leave the backup to the handler. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Call right before a git command that writes the index. */
  markIndexChanged(): void {
    this.indexChanged = true;
  }

  /** Call before the first write to `absolutePath`. */
  async rememberFile(absolutePath: string): Promise<void> {
    if (this.files.has(absolutePath)) return;
    try {
      const [bytes, info] = await Promise.all([readFile(absolutePath), stat(absolutePath)]);
      this.files.set(absolutePath, { bytes, mode: info.mode & 0o777 });
    } catch {
      this.files.set(absolutePath, { bytes: null, mode: null });
    }
  }

  /**
   * Writes a work tree file, remembering its old bytes first. Refuses (ConcurrentEditError)
   * when the file no longer holds what this hook last saw: an editor saved meanwhile.
   */
  writeFile(absolutePath: string, content: Buffer | string): Promise<void> {
    return this.track(() => this.write(absolutePath, content));
  }

  /**
   * Runs a write this log must know about (a work tree file, a git command that writes the
   * index). Refused once the log is stopped: a signal's restore must be the last word.
   */
  track<T>(write: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new InterruptedError());
    const running = write();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return running;
  }

  /**
   * For a signal: refuses every later write, waits for those under way, then undoes. The hook's
   * own flow goes on running meanwhile (it is the same event loop); without the stop, a write it
   * started before the signal could land after the restore and overwrite it.
   */
  async stop(): Promise<string[]> {
    this.stopped = true;
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
    return this.restore();
  }

  private async write(absolutePath: string, content: Buffer | string): Promise<void> {
    await this.rememberFile(absolutePath);
    if (await this.changedMeanwhile(absolutePath)) throw new ConcurrentEditError([absolutePath]);
    const mode = this.files.get(absolutePath)?.mode;
    await writeFileAtomic(absolutePath, content);
    if (mode) await chmod(absolutePath, mode);
    this.expected.set(absolutePath, Buffer.from(content));
  }

  private async changedMeanwhile(absolutePath: string): Promise<boolean> {
    const expected = this.expected.get(absolutePath);
    if (!expected) return false;
    const current = await readFile(absolutePath).catch(() => null);
    return !current || !current.equals(expected);
  }

  /**
   * Puts every remembered file back, and the index when something changed it. A file someone
   * else edited while the hook ran is left as it is (never overwrite work); those are returned.
   */
  async undo(): Promise<string[]> {
    // After a stop, the flow's own error path must not judge (or rewrite) what the stop restores.
    return this.stopped ? [] : this.restore();
  }

  private async restore(): Promise<string[]> {
    const skipped: string[] = [];
    for (const [path, saved] of this.files) {
      if (await this.changedMeanwhile(path)) skipped.push(path);
      else if (saved.bytes === null) await rm(path, { force: true });
      else {
        await writeFileAtomic(path, saved.bytes);
        if (saved.mode) await chmod(path, saved.mode);
      }
    }
    if (this.indexChanged && this.index) await replaceIndexUnderLock(this.index.path, this.index.bytes, this.index.mtime);
    return skipped;
  }
}

/** A write attempted after a signal stopped the hook. */
export class InterruptedError extends Error {
  constructor() {
    super('the hook was interrupted; nothing more is written');
    this.name = 'InterruptedError';
  }
}

/** Files that changed under the hook's hands (an editor saved while it ran). */
export class ConcurrentEditError extends Error {
  readonly files: string[];
  constructor(files: string[]) {
    super(`changed while the hook ran: ${files.join(', ')}`);
    this.name = 'ConcurrentEditError';
    this.files = files;
  }
}
