import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileScan } from './scanner/types.js';
import { scanFile } from './scanner/scan-file.js';

/** A file to scan: its content, or where to read it (each thread then reads its own share). */
export interface SourceFile {
  path: string;
  content?: string;
  absolutePath?: string;
}

/** Below this many files, starting workers (each loads the TypeScript parser) costs more than it saves. */
const PARALLEL_THRESHOLD = 300;
/** Larger than this, a file is generated or vendored, not source a person wrote. */
const MAX_BYTES = 1_000_000;

/**
 * Scans files, in worker threads when there are many (a cold run on a large repository). A
 * file that cannot be read, is binary or is too large yields null.
 */
export async function scanMany(
  files: readonly SourceFile[],
  options: { workers?: number; threshold?: number } = {},
): Promise<Array<FileScan | null>> {
  const workers = options.workers ?? Math.min(4, availableParallelism());
  if (files.length < (options.threshold ?? PARALLEL_THRESHOLD) || workers < 2) return scanSequentially(files);
  const chunks: SourceFile[][] = Array.from({ length: workers }, () => []);
  // Deal files round-robin so each thread gets a similar mix of languages and sizes. This thread
  // takes the first share itself (one parser load less than a worker per share), but a smaller
  // one: it also lists files, reads the cache and starts the workers.
  const slots = workers * 2 - 1;
  const owner = (i: number): number => (i % slots === 0 ? 0 : 1 + (((i % slots) - 1) % (workers - 1)));
  const order: Array<[number, number]> = [];
  files.forEach((file, i) => {
    const chunk = chunks[owner(i)] as SourceFile[];
    order.push([owner(i), chunk.length]);
    chunk.push(file);
  });
  const started = chunks.slice(1).map((chunk) => runWorker(chunk));
  const results = [await scanSequentially(chunks[0] as SourceFile[]), ...(await Promise.all(started))];
  return order.map(([chunk, j]) => (results[chunk] as Array<FileScan | null>)[j] ?? null);
}

export async function scanSequentially(files: readonly SourceFile[]): Promise<Array<FileScan | null>> {
  const scans: Array<FileScan | null> = [];
  for (const file of files) {
    const content = file.content ?? readSource(file.absolutePath);
    scans.push(content === null ? null : await scanFile(file.path, content));
  }
  return scans;
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

function runWorker(files: SourceFile[]): Promise<Array<FileScan | null>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./scan-worker.js', import.meta.url), { workerData: files });
    worker.once('message', (scans: Array<FileScan | null>) => resolve(scans));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`gap scanner worker exited with code ${code}`));
    });
  });
}
