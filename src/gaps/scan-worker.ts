import { parentPort, workerData } from 'node:worker_threads';
import { drainQueues, type ScanJob } from './scan-many.js';

// Worker entry for `scanMany`: scans files from the shared queues and posts the results back.
const scans = await drainQueues(workerData as ScanJob);
parentPort?.postMessage(scans);
