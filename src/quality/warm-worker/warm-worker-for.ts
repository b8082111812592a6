import { debugLine } from '../../adapters/debug-line.js';
import { findEnclosingGitDir } from '../../adapters/file-system.js';
import { isProcessRunning, type ProcessIdentity } from '../../adapters/process-liveness.js';
import { spawnWorker } from './spawn-worker.js';
import { computeVersionKey } from './version-key.js';
import { connectWorker, type WorkerClient } from './worker-client.js';
import { workerPaths } from './worker-paths.js';
import { readWorkerState, removeWorkerFiles } from './worker-state.js';
import { warmWorkerEnabled } from './worker-switch.js';

/** One decision per root and process: a connected worker, or null (run in-process). */
const decisions = new Map<string, Promise<WorkerClient | null>>();

/**
 * The warm worker for the work tree at `root`, connected and accepted within the connect timeout,
 * or null: then the caller runs the tools in-process. Null is also when a worker is started (none
 * ran, or a dead or stale one was found): it serves the next run. Never throws.
 */
export function warmWorkerFor(root: string): Promise<WorkerClient | null> {
  if (!warmWorkerEnabled()) return Promise.resolve(null);
  let decision = decisions.get(root);
  if (!decision) {
    decision = decide(root).catch(() => null);
    decisions.set(root, decision);
  }
  return decision.then((client) => (client && !client.broken ? client : null));
}

async function decide(root: string): Promise<WorkerClient | null> {
  const gitDir = await findEnclosingGitDir(root);
  if (!gitDir) return null;
  const paths = workerPaths(gitDir);
  const [versionKey, state] = await Promise.all([computeVersionKey(root), readWorkerState(paths)]);
  const alive = state !== null && isProcessRunning(state.pid, state.startTime);
  if (state && !alive) {
    // Its process is gone (killed, a zombie, the pid someone else's now): clear up, start afresh.
    await removeWorkerFiles(paths);
    startLater(root, gitDir, null);
    return null;
  }
  if (state && state.versionKey !== versionKey) {
    startLater(root, gitDir, state);
    return null;
  }
  const attempt = await connectWorker(paths.socket, root, versionKey);
  if ('call' in attempt) return attempt;
  debugLine(`warm worker not used (${attempt.failed}${'detail' in attempt ? `: ${attempt.detail}` : ''})`);
  // Nothing listens and no live worker is recorded: start one for next time. A live worker that
  // refuses (busy, warming, another root) or a stuck one is left alone.
  if (attempt.failed === 'absent' && !alive) startLater(root, gitDir, null);
  else if (attempt.failed === 'stale' && state) startLater(root, gitDir, state);
  return null;
}

/** How long a process that goes on (not a hook) waits before it starts the worker. */
const SPAWN_DELAY_MS = 1500;

/**
 * Starts a worker for next time, when this process exits: a hook's commit then never shares its
 * two cores with a worker's start (node, its modules, its config). A process that goes on past
 * SPAWN_DELAY_MS (a long `--all` run, a test) starts it then. Once per decision.
 */
function startLater(root: string, gitDir: string, replace: ProcessIdentity | null): void {
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    process.off('exit', start);
    // Synchronous up to the new process, so it also works in an 'exit' listener.
    spawnWorker(root, gitDir, replace);
  };
  const timer = setTimeout(start, SPAWN_DELAY_MS);
  timer.unref();
  process.once('exit', start);
}

/** Closes this process's connections (tests; a process that goes on after its checks). */
export function closeWarmWorkers(): void {
  for (const decision of decisions.values()) void decision.then((client) => client?.close());
  decisions.clear();
}
