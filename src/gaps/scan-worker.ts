import { parentPort, workerData } from 'node:worker_threads';
import { drainQueues, type ScanJob } from './scan-many.js';

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
await drainQueues(job, (batch) => {
  if (batch.length > 0) parentPort?.postMessage(JSON.stringify(batch));
});
parentPort?.postMessage('[]');
