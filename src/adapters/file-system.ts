import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isProcessRunning } from './process-liveness.js';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../domain/errors.js';

export interface AtomicWriteOptions {
  /**
   * Where the temporary file goes. By default: `<git dir>/br-guard/tmp/` when the target is in a
   * git work tree, so a process killed between write and rename never leaves its temp file in the
   * user's work tree (where it would be committed, or make a restore inexact).
   */
  tempDir?: string;
  /**
   * Flush the data to disk before the rename (default true), so a crash right after leaves the
   * new content, not an empty file. A cache that is rebuilt when unreadable can skip it: an fsync of
   * a 10 MB scan cache costs tens of milliseconds, more on a busy disk.
   */
  durable?: boolean;
}

/** The name of br-guard's temp files: `<name>.br-guard.<pid>.<n>.tmp` (the pid says whose it is). */
export const TEMP_FILE_PATTERN = /\.br-guard\.(\d+)\.\d+\.tmp$/;
let tempCounter = 0;

/** A fresh temp file path in `dir` for a write to `target`. */
export function tempPathIn(dir: string, target: string): string {
  return join(dir, `${basename(target)}.br-guard.${process.pid}.${++tempCounter}.tmp`);
}

/**
 * Writes a file so that readers see either the old content or the new, never half of it:
 * write a temporary file, flush it, then rename over the target. The temp file lives under the
 * git dir (see `AtomicWriteOptions.tempDir`); only when that is on another device (a rename cannot
 * cross it) does it go next to the target.
 */
export async function writeFileAtomic(path: string, content: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = tempPathIn(await tempDirFor(dir, options.tempDir), path);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    if (options.durable !== false) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Removes br-guard temp files in `dir` whose writing process is gone (dead, or a zombie). */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = TEMP_FILE_PATTERN.exec(name)?.[1];
    return pid !== undefined && !isProcessRunning(Number(pid), null);
  });
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale;
}

const tempDirs = new Map<string, Promise<string>>();

/** The temp dir for writes into `dir`: one per target folder, looked up once per process. */
function tempDirFor(dir: string, explicit: string | undefined): Promise<string> {
  const key = `${explicit ?? ''}\0${dir}`;
  let found = tempDirs.get(key);
  if (!found) {
    found = chooseTempDir(dir, explicit);
    tempDirs.set(key, found);
    found.catch(() => tempDirs.delete(key));
  }
  return found;
}

async function chooseTempDir(dir: string, explicit: string | undefined): Promise<string> {
  const candidate = explicit ?? (await gitTempDir(dir));
  if (!candidate) return dir;
  try {
    await mkdir(candidate, { recursive: true });
    const [a, b] = await Promise.all([stat(candidate), stat(dir)]);
    return a.dev === b.dev ? candidate : dir;
  } catch {
    return dir;
  }
}

/** `<git dir>/br-guard/tmp` of the work tree (or git dir) around `dir`, found with stat calls only. */
export async function gitTempDir(dir: string): Promise<string | null> {
  const gitDir = await findEnclosingGitDir(dir);
  return gitDir ? join(gitDir, 'br-guard', 'tmp') : null;
}

/** The git dir of the work tree around `start` (following a linked worktree's `.git` file), or null. */
export async function findEnclosingGitDir(start: string): Promise<string | null> {
  let dir = resolve(start);
  for (;;) {
    if (basename(dir) === '.git') return dir;
    const dotGit = join(dir, '.git');
    try {
      const info = await stat(dotGit);
      if (info.isDirectory()) return dotGit;
      const pointer = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8'))?.[1]?.trim();
      if (pointer) return isAbsolute(pointer) ? pointer : resolve(dir, pointer);
    } catch {
      // Not here; look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * A JSON state file under `root` (a baseline): null when it does not exist; when it is not JSON
 * or not what `isValid` accepts, an input error (exit 2) naming it, with `whenInvalid` as the message.
 */
export async function readJsonState<T>(
  root: string,
  file: string,
  isValid: (value: unknown) => value is T,
  whenInvalid: string,
): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(join(root, file), 'utf8');
  } catch {
    return null;
  }
  let value: unknown = null;
  try {
    value = JSON.parse(text);
  } catch {
    // judged below, as any other value that is not a state file
  }
  if (!isValid(value)) throw new InputError(whenInvalid, { file });
  return value;
}

export interface ReadTextOptions {
  /** The path to name in error messages (relative to the repo root). */
  displayPath: string;
  /** Refuse files larger than this, before reading them. */
  maxBytes?: number;
}

/**
 * Reads a user-supplied text file (spec, config) and turns every way it can be unusable into a
 * one-line `InputError`: missing, a directory, too large, binary, not UTF-8.
 */
export async function readUserTextFile(path: string, options: ReadTextOptions): Promise<string> {
  const { displayPath } = options;
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError('file not found', { file: displayPath });
  }
  if (!info.isFile()) throw new InputError('not a regular file', { file: displayPath });
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  if (info.size > maxBytes) {
    throw new InputError(`file is too large (${info.size} bytes, limit ${maxBytes})`, { file: displayPath });
  }
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    throw new InputError(`cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { file: displayPath });
  }
  return decodeUtf8Text(buffer, displayPath);
}

/** Decodes UTF-8 strictly, naming the line of the first bad byte; rejects binary content. */
export function decodeUtf8Text(buffer: Buffer, displayPath: string): string {
  const nul = buffer.indexOf(0);
  if (nul !== -1) {
    throw new InputError('binary file (contains NUL bytes)', { file: displayPath, line: lineOfOffset(buffer, nul) });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError('invalid UTF-8', { file: displayPath, line: lineOfOffset(buffer, firstInvalidUtf8(buffer)) });
  }
}

function lineOfOffset(buffer: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buffer.length; i++) if (buffer[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(buffer: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on the longest valid prefix is fragile with multi-byte sequences; scan lines.
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(0x0a, start);
    if (end === -1) end = buffer.length;
    try {
      decoder.decode(buffer.subarray(start, end));
    } catch {
      return start;
    }
    start = end + 1;
  }
  return 0;
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function writeFileEnsuringDir(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}
