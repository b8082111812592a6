import { join } from 'node:path';
import { isProcessRunning } from '../../src/adapters/process-liveness.js';
import { spawnWorker } from '../../src/quality/warm-worker/spawn-worker.js';
import { stopWorker } from '../../src/quality/warm-worker/stop-worker.js';
import { computeVersionKey } from '../../src/quality/warm-worker/version-key.js';
import { connectWorker } from '../../src/quality/warm-worker/worker-client.js';
import { workerPaths, type WorkerPaths } from '../../src/quality/warm-worker/worker-paths.js';
import { readWorkerState, type WorkerState } from '../../src/quality/warm-worker/worker-state.js';

/** Polls `condition` every 50 ms until it holds; throws after `ms`. */
export async function waitFor<T>(
  condition: () => Promise<T | null | false> | T | null | false,
  ms = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function pathsOf(root: string): WorkerPaths {
  return workerPaths(join(root, '.git'));
}

/** Waits until a worker for `root` accepts a client of the current version key (its tools loaded). */
export async function waitForReadyWorker(root: string, ms = 60_000): Promise<WorkerState> {
  const paths = pathsOf(root);
  const key = await computeVersionKey(root);
  await waitFor(
    async () => {
      const attempt = await connectWorker(paths.socket, root, key, 1000);
      if (!('call' in attempt)) return false;
      attempt.close();
      return true;
    },
    ms,
    'a ready worker',
  );
  return (await readWorkerState(paths))!;
}

/** Starts a worker for the temp repo at `root` that warms at once (no hook to wait for), and waits until it is ready. */
export async function startTestWorker(root: string): Promise<WorkerState> {
  spawnWorker(root, join(root, '.git'), null, null);
  return waitForReadyWorker(root);
}

/** Stops whatever worker serves `root`, and checks that its process is gone. */
export async function stopTestWorker(root: string): Promise<void> {
  const paths = pathsOf(root);
  const state = await readWorkerState(paths);
  await stopWorker(paths);
  if (state && isProcessRunning(state.pid, state.startTime)) throw new Error(`worker ${state.pid} survived its stop`);
}
