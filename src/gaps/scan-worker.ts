import { parentPort, workerData } from 'node:worker_threads';
import { drainQueues, type ScanJob } from './scan-many.js';

// Worker entry for `scanMany`: scans files from the shared queues and posts the results back.
// Started ahead of its job (no workerData), it loads the JS/TS parser while it waits.
let job = workerData as ScanJob | null;
if (!job) {
  const next = new Promise<ScanJob>((resolve) => parentPort?.once('message', resolve));
  const { loadJsParser } = await import('../adapters/parse-js.js');
  await import('./scanner/scan-typescript.js');
  await loadJsParser();
  job = await next;
}
parentPort?.postMessage(JSON.stringify(await drainQueues(job)));
