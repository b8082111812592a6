import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../adapters/file-system.js';
import { readPackageVersion } from '../adapters/package-version.js';
import { emptyScan, type FileScan } from './scanner/types.js';

/**
 * Bumped whenever the scanner extracts something new; br-guard's own version is part of it too,
 * so an upgrade never reuses scans or reports made by older code.
 */
export const SCANNER_VERSION = `12:${brGuardVersion()}`;

function brGuardVersion(): string {
  try {
    return readPackageVersion();
  } catch {
    return '0';
  }
}

export interface ScanCache {
  version: string;
  /** `<blob id> <path>` → scan. */
  entries: Record<string, FileScan>;
}

function cacheDir(root: string): string {
  return join(root, '.buildrunner', 'cache', 'gaps');
}

export function scanCachePath(root: string): string {
  return join(cacheDir(root), 'scans.json');
}

/** The cache, or an empty one when it is missing, unreadable or from another scanner version. */
export async function readScanCache(root: string): Promise<ScanCache> {
  const parsed = await readJson<{ version: string; entries: Record<string, Partial<FileScan>> }>(scanCachePath(root));
  if (parsed?.version !== SCANNER_VERSION || !parsed.entries || typeof parsed.entries !== 'object')
    return { version: SCANNER_VERSION, entries: {} };
  const entries: Record<string, FileScan> = {};
  for (const [key, compact] of Object.entries(parsed.entries)) {
    entries[key] = { ...emptyScan(compact.path ?? '', compact.language ?? 'ts', compact.lines ?? 0), ...compact };
  }
  return { version: SCANNER_VERSION, entries };
}

/** Writes the cache without empty lists (most files have no routes, calls or stubs): half the size to parse. */
export async function writeScanCache(root: string, cache: ScanCache): Promise<void> {
  const compact: Record<string, Partial<FileScan>> = {};
  for (const [key, scan] of Object.entries(cache.entries)) compact[key] = compactScan(scan);
  await writeCacheFile(root, scanCachePath(root), JSON.stringify({ version: cache.version, entries: compact }));
}

/** A scan without its empty lists and maps (`readScanCache` fills them back from `emptyScan`). */
function compactScan(scan: FileScan): Partial<FileScan> {
  const entry: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(scan)) if (isFilled(value)) entry[field] = value;
  return entry as Partial<FileScan>;
}

function isFilled(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  // Falsy values other than `undefined` (`''`, `0`, `false`, `null`) are kept, as before.
  return value && typeof value === 'object' ? Object.keys(value).length > 0 : value !== undefined;
}

export async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    // A missing or corrupt cache only costs a cold run.
    return null;
  }
}

export async function writeCacheFile(root: string, path: string, content: string): Promise<void> {
  await mkdir(cacheDir(root), { recursive: true });
  // The cache is machine-local: keep it out of `git status` without touching the user's .gitignore.
  await writeFile(join(root, '.buildrunner', 'cache', '.gitignore'), '*\n');
  // Atomic (a reader never sees half a file) but not flushed: a cache lost in a crash costs one cold run.
  await writeFileAtomic(path, content, { durable: false });
}

export function reportCachePath(root: string): string {
  return join(cacheDir(root), 'report.json');
}
