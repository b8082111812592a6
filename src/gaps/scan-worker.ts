import { parentPort, workerData } from 'node:worker_threads';
import { drainQueues, type ScanJob, type ScanQueue } from './scan-many.js';
import type { FileScan } from './scanner/types.js';

// Worker entry for `scanMany`: scans files from the shared queues and posts the results back as it goes.
// Started ahead of its job (no workerData), it loads the JS/TS parser while it waits.
let job = workerData as ScanJob | null;
if (!job) {
  const next = new Promise<ScanJob>((resolve) => parentPort?.once('message', resolve));
  const { loadJsParser } = await import('../adapters/parse-js.js');
  await import('./scanner/scan-typescript.js');
  await loadJsParser();
  job = await next;
}
// Scans go back in batches as JSON text (see `runScanWorker`); an empty batch marks the end.
const { queues, store } = job;
const stored: Record<string, FileScan> = {};
await drainQueues(job, (batch) => {
  if (batch.length === 0) return;
  parentPort?.postMessage(JSON.stringify(batch));
  for (const [queue, index, scan] of batch) {
    const key = (queues[queue] as ScanQueue).files[index]?.key;
    if (store && scan && key) stored[key] = scan;
  }
});
parentPort?.postMessage('[]');
// Its share of the scan cache, written while the main thread links and analyses.
if (store) await (await import('./scan-cache.js')).writeScanCacheShard(store.root, store.shard, stored);
