import { readFileSync } from 'node:fs';
import type { FileScan } from './scanner/types.js';
import { scanFile } from './scanner/scan-file.js';
import { cacheEntryJson } from './scan-cache.js';
import { runScanWorker, scanThreads, stopScanWorkers, type IdleScanWorker } from './scan-workers.js';

/** A file to scan: its content, or where to read it (each thread then reads its own share). */
export interface SourceFile {
  path: string;
  content?: string;
  absolutePath?: string;
  /** Its scan-cache key: with `ScanOptions.store`, a worker stores the scan under it. */
  key?: string;
}

/**
 * Files of one language, shared by every thread: each takes the next file by bumping `next`
 * (an Int32 in a SharedArrayBuffer), so a thread that finishes early takes work from the others.
 */
export interface ScanQueue {
  files: SourceFile[];
  next: SharedArrayBuffer;
}

/** What a worker is given: the queues, and the order it drains them in (indexes into `queues`). */
export interface ScanJob {
  queues: ScanQueue[];
  order: number[];
  /** Files that must be left in a later queue for this thread to start on it (default per queue: `SWITCH_MIN_FILES`). */
  switchMinFiles?: number;
  /** Where a worker stores the scans of keyed files when it is done: scan-cache shard `shard` of `root`. */
  store?: { root: string; shard: number };
}

export interface ScanOptions {
  workers?: number;
  threshold?: number;
  started?: readonly IdleScanWorker[];
  /** Workers store their scans in scan-cache shards of this repository (see `ScannedFiles`). */
  store?: { root: string };
}

export interface ScannedFiles {
  scans: Array<FileScan | null>;
  /** Indexes of the files whose scans a worker stores: the caller's cache file leaves them out. */
  stored: ReadonlySet<number>;
  /** How many worker shards there are (the caller's cache file names the count). */
  shards: number;
  /** Settles once every worker has written its shard. */
  written: Promise<void>;
  /**
   * With `store`: the cache entries (`cacheEntryJson`) of the keyed files this thread scanned, by
   * key, made while the workers still scanned, so the caller's cache write does not make them
   * after the scan, on the one thread that then works alone.
   */
  entryJson: ReadonlyMap<string, string>;
}

/** A scan and where its file sits: [queue index, file index, scan]. */
export type QueuedScan = [number, number, FileScan | null];

/** Below this many files, starting workers (each a fresh V8 isolate with its own parsers) costs more than it saves. */
const PARALLEL_THRESHOLD = 300;
/**
 * A thread moves on to another language's queue only when this many files are left in it, by
 * queue (Python, TypeScript). Joining costs the parser's load and JIT warm-up in that thread:
 * ~0.1 s for tree-sitter (WebAssembly); oxc-parser is a native addon that loads in a few
 * milliseconds, so helping with TypeScript pays off almost to the end (with the typescript-estree
 * fallback the TypeScript compiler would cost ~0.8 s of CPU to join; that is the slow path).
 */
const SWITCH_MIN_FILES = [600, 100];
/**
 * Every this many files a thread lets its event loop run: a worker posts the scans it has (see
 * `drainQueues`), the main thread parses the ones posted to it, so that parse runs while the
 * worker still scans instead of after it.
 */
const BATCH_FILES = 250;
/** Larger than this, a file is generated or vendored, not source a person wrote. */
const MAX_BYTES = 1_000_000;

/**
 * Scans files, in worker threads when there are many (a cold run on a large repository). A
 * file that cannot be read, is binary or is too large yields null.
 *
 * Each parser is loaded in as few threads as possible: files are queued per language, this
 * thread drains the Python queue first (it also lists files, reads the cache and starts the
 * workers, and Python is the lighter share), the workers the TypeScript queue, and a thread
 * that runs dry helps with another queue only while enough of it is left (right away when its
 * own queue was empty).
 */
export async function scanMany(files: readonly SourceFile[], options: ScanOptions = {}): Promise<Array<FileScan | null>> {
  return (await scanFiles(files, options)).scans;
}

/** `scanMany`, and with `options.store` the workers write their scans to the scan cache themselves. */
export async function scanFiles(files: readonly SourceFile[], options: ScanOptions = {}): Promise<ScannedFiles> {
  const workers = options.workers ?? scanThreads();
  const started = options.started ?? [];
  if (files.length < (options.threshold ?? PARALLEL_THRESHOLD) || workers < 2) {
    stopScanWorkers(started);
    return { scans: await scanSequentially(files), stored: new Set(), shards: 0, written: Promise.resolve(), entryJson: new Map() };
  }
  const origin: number[][] = [[], []];
  const queues: ScanQueue[] = [0, 1].map(() => ({ files: [], next: new SharedArrayBuffer(4) }));
  files.forEach((file, i) => {
    const language = file.path.endsWith('.py') ? 0 : 1;
    (queues[language] as ScanQueue).files.push(file);
    (origin[language] as number[]).push(i);
  });
  stopScanWorkers(started.slice(workers - 1));
  const store = options.store;
  const running = Array.from({ length: workers - 1 }, (_, i) =>
    runScanWorker({ queues, order: [1, 0], ...(store ? { store: { root: store.root, shard: i + 1 } } : {}) }, started[i]),
  );
  const own: QueuedScan[] = [];
  const entryJson = new Map<string, string>();
  await drainQueues({ queues, order: [0, 1] }, (batch) => {
    for (const result of batch) {
      own.push(result);
      const [queue, index, scan] = result;
      const key = (queues[queue] as ScanQueue).files[index]?.key;
      if (store && scan && key) entryJson.set(key, cacheEntryJson(key, scan));
    }
  });
  const scans = new Array<FileScan | null>(files.length).fill(null);
  const stored = new Set<number>();
  const place = (results: readonly QueuedScan[], byWorker: boolean): void => {
    for (const [queue, index, scan] of results) {
      const at = (origin[queue] as number[])[index] as number;
      scans[at] = scan;
      if (byWorker && store && scan && files[at]?.key) stored.add(at);
    }
  };
  place(own, false);
  for (const results of await Promise.all(running.map((worker) => worker.scans))) place(results, true);
  const written = Promise.all(running.map((worker) => worker.exited)).then(() => undefined);
  return { scans, stored, shards: store ? running.length : 0, written, entryJson };
}

/**
 * Takes files from the queues in the job's order until they are empty; see `ScanQueue`. With
 * `flush`, the scans are handed to it every `BATCH_FILES` files (and the rest at the end) instead
 * of returned.
 */
export async function drainQueues(job: ScanJob, flush?: (batch: QueuedScan[]) => void): Promise<QueuedScan[]> {
  let results: QueuedScan[] = [];
  let scanned = 0;
  for (const [position, queue] of job.order.entries()) {
    const { files, next } = job.queues[queue] as ScanQueue;
    const counter = new Int32Array(next);
    const switchMin = job.switchMinFiles ?? SWITCH_MIN_FILES[queue] ?? 0;
    // A thread with nothing scanned yet (its own queue was empty) loads no second parser: it helps.
    if (position > 0 && scanned > 0 && files.length - Atomics.load(counter, 0) < switchMin) continue;
    for (let index = Atomics.add(counter, 0, 1); index < files.length; index = Atomics.add(counter, 0, 1)) {
      results.push([queue, index, await scanSource(files[index] as SourceFile)]);
      if (++scanned % BATCH_FILES !== 0) continue;
      if (flush) {
        flush(results);
        results = [];
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (!flush) return results;
  flush(results);
  return [];
}

export async function scanSequentially(files: readonly SourceFile[]): Promise<Array<FileScan | null>> {
  const scans: Array<FileScan | null> = [];
  for (const file of files) scans.push(await scanSource(file));
  return scans;
}

async function scanSource(file: SourceFile): Promise<FileScan | null> {
  const content = file.content ?? readSource(file.absolutePath);
  return content === null ? null : scanFile(file.path, content);
}

function readSource(absolutePath: string | undefined): string | null {
  if (!absolutePath) return null;
  let buffer: Buffer;
  try {
    buffer = readFileSync(absolutePath);
  } catch {
    return null;
  }
  return buffer.length > MAX_BYTES || buffer.includes(0) ? null : buffer.toString('utf8');
}
