import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import type { Git } from '../adapters/git.js';
import type { FileScan } from './scanner/types.js';
import { isScannable } from './scanner/scan-file.js';
import { readScanCache, writeScanCache, writeScanCacheDelta, SCANNER_VERSION, type ScanCache } from './scan-cache.js';
import { scanFiles } from './scan-many.js';
import type { IdleScanWorker } from './scan-workers.js';

/** A code file to scan: its cache key (`<blob id> <path>`) and, when read already, its content. */
export interface SourceEntry {
  path: string;
  key: string;
  content: Buffer | null;
}

export interface ListedSources {
  /** Every file gap analysis considers: tracked and untracked-not-ignored, minus `gaps.ignore`. */
  files: string[];
  sources: SourceEntry[];
}

export interface CollectedScans {
  scans: FileScan[];
  parsed: number;
  cached: number;
  /** Settles when the scan cache is written: the workers' shards and this thread's file (written while the caller analyses). */
  stored: Promise<void>;
}

/** Blob id of content, computed the way git does, so untracked and modified files key the cache too. */
export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * Lists the repository's files and keys each code file by blob id without reading it when git
 * already knows it (tracked and unmodified): only modified and untracked files are read here.
 */
export async function listSources(git: Git, ignore: readonly string[]): Promise<ListedSources> {
  const [blobs, modifiedText, untrackedText] = await Promise.all([
    git.stagedBlobs(),
    git.text(['diff-files', '-z', '--name-only']),
    git.text(['ls-files', '-z', '--others', '--exclude-standard']),
  ]);
  const modified = new Set(modifiedText.split('\0').filter(Boolean));
  const untracked = untrackedText.split('\0').filter(Boolean);
  const isIgnored = ignore.length > 0 ? picomatch([...ignore], { dot: true }) : () => false;
  const candidates = [...new Set([...blobs.keys(), ...untracked])].filter((file) => !isIgnored(file)).sort();
  const files: string[] = [];
  const sources: SourceEntry[] = [];
  for (const file of candidates) {
    const indexBlob = blobs.get(file);
    const dirty = modified.has(file) || indexBlob === undefined;
    if (!dirty) {
      files.push(file);
      if (isScannable(file)) sources.push({ path: file, key: cacheKey(indexBlob as string, file), content: null });
      continue;
    }
    const content = await readContent(git.root, file);
    if (content === null) continue; // deleted in the work tree
    files.push(file);
    if (isScannable(file)) sources.push({ path: file, key: cacheKey(gitBlobId(content), file), content });
  }
  return { files, sources };
}

/** Scans the listed sources, re-parsing only those whose key is not in the cache. */
export async function loadScans(
  root: string,
  sources: readonly SourceEntry[],
  options: { cache?: boolean; started?: readonly IdleScanWorker[] } = {},
): Promise<CollectedScans> {
  const useCache = options.cache !== false;
  const cache: ScanCache = useCache ? await readScanCache(root) : { version: SCANNER_VERSION, entries: {} };
  const fresh: ScanCache = { version: SCANNER_VERSION, entries: {} };
  const scans: FileScan[] = [];
  const misses: SourceEntry[] = [];
  // The delta's entries still in use: a delta write keeps them.
  const delta: Record<string, FileScan> = {};
  for (const source of sources) {
    const hit = cache.entries[source.key];
    if (hit) {
      scans.push(hit);
      fresh.entries[source.key] = hit;
      if (cache.deltaKeys?.has(source.key)) delta[source.key] = hit;
    } else misses.push(source);
  }
  // Workers read their own share of the files: reading 10,000 files is a good part of a cold run.
  const toParse = misses.map((source) =>
    source.content
      ? { path: source.path, key: source.key, content: source.content.toString('utf8') }
      : { path: source.path, key: source.key, absolutePath: join(root, source.path) },
  );
  const results = await scanFiles(toParse, {
    ...(options.started ? { started: options.started } : {}),
    ...(useCache ? { store: { root } } : {}),
  });
  let parsed = 0;
  results.scans.forEach((scan, i) => {
    if (!scan) return;
    parsed++;
    scans.push(scan);
    if (results.stored.has(i)) return;
    fresh.entries[(misses[i] as SourceEntry).key] = scan;
    delta[(misses[i] as SourceEntry).key] = scan;
  });
  const reused = sources.length - misses.length;
  const dead = Object.keys(cache.entries).length - reused;
  // The JSON is made now (the scans are not changed later), the file written while the caller
  // links and analyses: on a cold run the write took ~50 ms of the main thread's serial tail.
  let written: Promise<void> = Promise.resolve();
  if (useCache && (parsed > 0 || dead > 0)) {
    // A few new scans go to the delta and the entries of files gone or changed stay behind, until
    // either outgrows a share of the cache: then it is rewritten whole, without them.
    const small = (count: number): boolean => count <= Math.max(DELTA_MIN, reused * DELTA_SHARE);
    if (cache.generation && results.shards === 0 && small(Object.keys(delta).length) && small(dead)) {
      if (parsed > 0) written = writeScanCacheDelta(root, cache.generation, delta);
    } else written = writeScanCache(root, fresh, results.shards, results.entryJson);
  }
  // Awaited through `stored`; handled here so that a failure before then is not an unhandled rejection.
  written.catch(() => undefined);
  scans.sort((a, b) => a.path.localeCompare(b.path));
  return { scans, parsed, cached: scans.length - parsed, stored: Promise.all([results.written, written]).then(() => undefined) };
}

/** The delta and the dead entries may each grow to this share of the cache's live entries (at least `DELTA_MIN`). */
const DELTA_SHARE = 0.05;
const DELTA_MIN = 50;

function cacheKey(blob: string, path: string): string {
  // Scans depend on the path too (Next.js routes, test files), so the key holds both.
  return `${blob} ${path}`;
}

async function readContent(root: string, file: string): Promise<Buffer | null> {
  try {
    return await readFile(join(root, file));
  } catch {
    return null;
  }
}
