import { parentPort, workerData } from 'node:worker_threads';
import { checkTypes, type TscInput } from './tsc-program.js';

// Worker-thread entry for the tsc check: one type check, one message back.
try {
  parentPort?.postMessage({ findings: await checkTypes(workerData as TscInput) });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
