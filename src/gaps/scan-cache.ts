import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  /** The main file's generation: a delta (`writeScanCacheDelta`) extends the main file of its generation only. */
  generation?: string;
  /** The keys read from the delta file. */
  deltaKeys?: ReadonlySet<string>;
}

function cacheDir(root: string): string {
  return join(root, '.buildrunner', 'cache', 'gaps');
}

export function scanCachePath(root: string): string {
  return join(cacheDir(root), 'scans.json');
}

/**
 * The cache is the main file plus the shards that scan workers write while the main thread goes
 * on with the analysis (`scans.1.json`, …; the main file says how many). Every entry is keyed by
 * content, so a shard that is missing only costs its files a new scan.
 */
export function scanCacheShardPath(root: string, shard: number): string {
  return shard === 0 ? scanCachePath(root) : join(cacheDir(root), `scans.${shard}.json`);
}

interface StoredShard {
  version: string;
  /** In the main file: how many worker shards go with it. */
  shards?: number;
  /** In the main file: its generation; in the delta, the generation of the main file it extends. */
  generation?: string;
  entries: Record<string, Partial<FileScan>>;
}

/**
 * A run that parses a few files (one was edited) writes their scans to this small file instead
 * of rewriting the whole cache (10,000 scans: ~5 MB of JSON per file). It holds every scan made
 * since the main file was written; a full rewrite removes it.
 */
export function scanCacheDeltaPath(root: string): string {
  return join(cacheDir(root), 'scans.delta.json');
}

/** The cache, or an empty one when it is missing, unreadable or from another scanner version. */
export async function readScanCache(root: string): Promise<ScanCache> {
  const main = await readShard(root, 0);
  const entries: Record<string, FileScan> = {};
  if (!main) return { version: SCANNER_VERSION, entries };
  const count = typeof main.shards === 'number' ? main.shards : 0;
  const generation = typeof main.generation === 'string' ? main.generation : undefined;
  const [delta, ...workerShards] = await Promise.all([
    generation ? readStored(scanCacheDeltaPath(root)) : null,
    ...Array.from({ length: count }, (_, i) => readShard(root, i + 1)),
  ]);
  const add = (shard: StoredShard | null): void => {
    for (const [key, compact] of Object.entries(shard?.entries ?? {})) {
      entries[key] = { ...emptyScan(compact.path ?? '', compact.language ?? 'ts', compact.lines ?? 0), ...compact };
    }
  };
  for (const shard of [main, ...workerShards]) add(shard);
  if (!generation) return { version: SCANNER_VERSION, entries };
  // A delta of another generation is what a full rewrite left behind when its removal failed.
  const current = delta?.generation === generation ? delta : null;
  add(current);
  return { version: SCANNER_VERSION, entries, generation, deltaKeys: new Set(Object.keys(current?.entries ?? {})) };
}

async function readShard(root: string, shard: number): Promise<StoredShard | null> {
  return readStored(scanCacheShardPath(root, shard));
}

async function readStored(path: string): Promise<StoredShard | null> {
  const parsed = await readJson<StoredShard>(path);
  return parsed?.version === SCANNER_VERSION && parsed.entries && typeof parsed.entries === 'object' ? parsed : null;
}

/**
 * Writes the main file without empty lists (most files have no routes, calls or stubs: half the
 * size to parse); `shards` worker shards go with it (`writeScanCacheShard`), older ones are removed.
 */
export async function writeScanCache(
  root: string,
  cache: ScanCache,
  shards = 0,
  made: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  // The JSON of `JSON.stringify({ version, shards, generation, entries })`, with the entries made
  // already (`made`, by `cacheEntryJson`) taken as they are.
  const entries = Object.entries(cache.entries).map(([key, scan]) => made.get(key) ?? cacheEntryJson(key, scan));
  const head = JSON.stringify({ version: cache.version, shards, generation: randomBytes(8).toString('hex') });
  await writeCacheFile(root, scanCachePath(root), `${head.slice(0, -1)},"entries":{${entries.join(',')}}}`);
  const names = await readdir(cacheDir(root)).catch(() => [] as string[]);
  for (const name of names) {
    const shard = /^scans\.(\d+)\.json$/.exec(name)?.[1];
    if ((shard !== undefined && Number(shard) > shards) || name === 'scans.delta.json') await rm(join(cacheDir(root), name), { force: true });
  }
}

/** Writes the delta of the main file of `generation`: the scans made since it was written (see `scanCacheDeltaPath`). */
export async function writeScanCacheDelta(root: string, generation: string, entries: Record<string, FileScan>): Promise<void> {
  await writeCacheFile(root, scanCacheDeltaPath(root), JSON.stringify({ version: SCANNER_VERSION, generation, entries: compactEntries(entries) }));
}

/** Writes one worker's shard: the scans it made, by cache key. */
export async function writeScanCacheShard(root: string, shard: number, entries: Record<string, FileScan>): Promise<void> {
  await writeCacheFile(
    root,
    scanCacheShardPath(root, shard),
    JSON.stringify({ version: SCANNER_VERSION, entries: compactEntries(entries) }),
  );
}

/** One entry of a cache file's `entries` object as JSON text: `"<key>":{…the compact scan…}`. */
export function cacheEntryJson(key: string, scan: FileScan): string {
  return `${JSON.stringify(key)}:${JSON.stringify(compactScan(scan))}`;
}

function compactEntries(entries: Record<string, FileScan>): Record<string, Partial<FileScan>> {
  const compact: Record<string, Partial<FileScan>> = {};
  for (const [key, scan] of Object.entries(entries)) compact[key] = compactScan(scan);
  return compact;
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
