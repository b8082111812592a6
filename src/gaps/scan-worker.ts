import { parentPort, workerData } from 'node:worker_threads';
import { scanSequentially, type SourceFile } from './scan-many.js';

// Worker entry for `scanMany`: scans its share of the files and posts the results back.
const scans = await scanSequentially(workerData as SourceFile[]);
parentPort?.postMessage(scans);
