import { isProcessRunning } from '../../adapters/process-liveness.js';
import { computeVersionKey } from './version-key.js';
import { askWorker } from './worker-client.js';
import type { WorkerPaths } from './worker-paths.js';
import type { WorkerStatusReport } from './worker-protocol.js';
import { readWorkerState } from './worker-state.js';

/** `br-guard worker status`: what runs for this worktree, as the worker itself reports it. */
export type WorkerStatus =
  | { running: false; reason: string }
  | (WorkerStatusReport & { running: true; socket: string; versionKeyMatches: boolean; expectedVersionKey: string });

/**
 * Reads the state, checks the recorded process (pid and start time) and asks the worker for its
 * figures. A recorded worker that is dead or does not answer is reported as not running, with why.
 */
export async function readWorkerStatus(root: string, paths: WorkerPaths): Promise<WorkerStatus> {
  const [state, expectedVersionKey] = await Promise.all([readWorkerState(paths), computeVersionKey(root)]);
  if (!state) return { running: false, reason: 'no worker running' };
  if (!isProcessRunning(state.pid, state.startTime)) return { running: false, reason: `no worker running (pid ${state.pid} has exited)` };
  try {
    const report = await askWorker<WorkerStatusReport>(paths.socket, { kind: 'status' });
    return {
      ...report,
      running: true,
      socket: paths.socket,
      expectedVersionKey,
      versionKeyMatches: report.versionKey === expectedVersionKey,
    };
  } catch (error) {
    return { running: false, reason: `worker pid ${state.pid} does not answer (${(error as Error).message})` };
  }
}

/** The status as text lines (the CLI prints them). */
export function describeWorkerStatus(status: WorkerStatus): string[] {
  if (!status.running) return [status.reason];
  return [
    `pid ${status.pid}, up ${formatDuration(status.uptimeMs)}, RSS ${Math.round(status.rssBytes / 1024 / 1024)} MB`,
    `tools loaded: ${status.toolsLoaded.length ? status.toolsLoaded.join(', ') : 'none yet'}; ${status.requests} requests answered${threadsText(status.toolThreads)}`,
    `idle timeout: ${status.idleMinutes} min (quality.worker.idleMinutes)`,
    `version key: ${status.versionKey} (${status.versionKeyMatches ? 'matches this checkout' : `stale: this checkout is ${status.expectedVersionKey}; the next commit restarts it`})`,
    `socket: ${status.socket}`,
  ];
}

function threadsText(threads: WorkerStatusReport['toolThreads']): string {
  if (!threads || threads.warm < 2) return '';
  return ` (on two threads: ${threads.answeredBySecond} by the second)`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
