import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { QueuedScan, ScanJob } from './scan-many.js';

const WORKER_URL = new URL('./scan-worker.js', import.meta.url);

/** Threads that scan at once: one per core, at most 4 (the main thread is one of them). */
export function scanThreads(): number {
  return Math.min(4, availableParallelism());
}

/** A worker started before its job, loading the JS/TS parser meanwhile. */
export interface IdleScanWorker {
  worker: Worker;
  /** Set when it exited or failed before it got its job. */
  dead: boolean;
}

/**
 * Starts the scan workers of a cold run before the files are listed: booting a worker and loading
 * its parsers then overlaps the main thread's git calls and cache reads. An idle worker does not keep the process alive; `stopScanWorkers` ends unused ones.
 */
export function startScanWorkers(count = scanThreads() - 1): IdleScanWorker[] {
  return Array.from({ length: Math.max(0, count) }, () => {
    const idle: IdleScanWorker = { worker: new Worker(WORKER_URL, { workerData: null }), dead: false };
    idle.worker.unref();
    // Reported by `runScanWorker` when the job comes; a worker nobody needs may fail quietly.
    idle.worker.once('error', () => (idle.dead = true));
    idle.worker.once('exit', () => (idle.dead = true));
    return idle;
  });
}

export function stopScanWorkers(workers: readonly IdleScanWorker[]): void {
  for (const idle of workers) void idle.worker.terminate();
}

/**
 * Runs one job in a worker (a started one when it is alive, else a new one). Scans come back as
 * JSON text (the main thread parses it in a third of the time structured cloning takes), in
 * batches while the worker scans, so they are parsed whenever the main thread's own scanning
 * yields; the last batch is empty.
 */
export function runScanWorker(job: ScanJob, idle?: IdleScanWorker): RunningScanWorker {
  const reuse = idle && !idle.dead;
  const worker = reuse ? idle.worker : new Worker(WORKER_URL, { workerData: job });
  let failed: (error: Error) => void = () => undefined;
  const scans = new Promise<QueuedScan[]>((resolve, reject) => {
    failed = reject;
    const received: QueuedScan[] = [];
    worker.on('message', (text: string) => {
      const batch = JSON.parse(text) as QueuedScan[];
      if (batch.length === 0) resolve(received);
      else for (const scan of batch) received.push(scan);
    });
  });
  // After its scans a worker may still write its cache shard (`ScanJob.store`): it is done when it exits.
  const exited = new Promise<void>((resolve, reject) => {
    worker.once('error', (error) => {
      failed(error);
      reject(error);
    });
    worker.once('exit', (code) => {
      if (code === 0) return resolve();
      const error = new Error(`gap scanner worker exited with code ${code}`);
      failed(error);
      reject(error);
    });
  });
  // Whoever awaits only the scans still hears of a failure through them.
  exited.catch(() => undefined);
  if (reuse) {
    worker.ref();
    worker.postMessage(job);
  } else if (idle) void idle.worker.terminate();
  return { scans, exited };
}

export interface RunningScanWorker {
  /** Its scans, once it posted the last batch. */
  scans: Promise<QueuedScan[]>;
  /** Settles when it exited (rejects when it failed). */
  exited: Promise<void>;
}
