import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from '../domain/errors.js';

/**
 * Writes a file so that readers see either the old content or the new, never half of it:
 * write a temporary sibling, flush it, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
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

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
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
