import { debugLine } from '../../adapters/debug-line.js';
import { WorkerToolError, type WorkerClient } from './worker-client.js';
import { warmWorkerFor } from './warm-worker-for.js';

/**
 * Runs one tool call through the warm worker when one serves `root`, else (or when the worker
 * path fails in any way: gone, stuck, refused, broken) in-process. The worker's tool errors are
 * answers and are rethrown as `asToolError` shapes them, so a caller sees what the in-process
 * tool would have thrown; every other failure is silent to the verdict.
 */
export async function routeTool<T>(
  root: string,
  remote: (worker: WorkerClient) => Promise<T>,
  local: () => Promise<T>,
  asToolError: (error: WorkerToolError) => Error = (error) => new Error(error.message),
): Promise<T> {
  const worker = await warmWorkerFor(root);
  if (worker) {
    try {
      return await remote(worker);
    } catch (error) {
      if (error instanceof WorkerToolError) throw asToolError(error);
      debugLine(`warm worker failed, running in-process: ${String(error)}`);
    }
  }
  return local();
}
