import { isProcessRunning, type ProcessIdentity } from '../../adapters/process-liveness.js';
import { askWorker } from './worker-client.js';
import type { WorkerPaths } from './worker-paths.js';
import { readWorkerState, removeWorkerFiles } from './worker-state.js';

export interface StopOutcome {
  /** The worker that was running, or null when none was. */
  pid: number | null;
  /** How it ended: asked over its socket, SIGTERM, SIGKILL after the grace time, or it was already gone. */
  how: 'request' | 'sigterm' | 'sigkill' | 'gone' | 'none';
}

/**
 * Stops the worker of `paths`: asks it over the socket, then SIGTERM, then SIGKILL once
 * `graceMs` has passed; removes the socket and the state in any case. Signals go only to the
 * recorded process (pid and start time, never a pid alone: it may be a stranger by now).
 */
export async function stopWorker(paths: WorkerPaths, graceMs = 2000): Promise<StopOutcome> {
  const state = await readWorkerState(paths);
  const identity = state ? { pid: state.pid, startTime: state.startTime } : null;
  if (!identity || !isProcessRunning(identity.pid, identity.startTime)) {
    await removeWorkerFiles(paths);
    return { pid: null, how: identity ? 'gone' : 'none' };
  }
  let how: StopOutcome['how'] = 'request';
  const asked = await askWorker(paths.socket, { kind: 'stop' }, 500).then(
    () => true,
    () => false,
  );
  if (!asked) {
    how = 'sigterm';
    signal(identity, 'SIGTERM');
  }
  if (!(await exited(identity, graceMs))) {
    how = 'sigkill';
    signal(identity, 'SIGKILL');
    await exited(identity, 1000);
  }
  await removeWorkerFiles(paths);
  return { pid: identity.pid, how };
}

/** Stops a stale worker known by identity (no socket needed): SIGTERM, SIGKILL after `graceMs`. */
export async function stopProcess(identity: ProcessIdentity, graceMs = 2000): Promise<void> {
  if (!isProcessRunning(identity.pid, identity.startTime)) return;
  signal(identity, 'SIGTERM');
  if (!(await exited(identity, graceMs))) {
    signal(identity, 'SIGKILL');
    await exited(identity, 1000);
  }
}

function signal(identity: ProcessIdentity, name: NodeJS.Signals): void {
  if (!isProcessRunning(identity.pid, identity.startTime)) return;
  try {
    process.kill(identity.pid, name);
  } catch {
    // Gone meanwhile.
  }
}

async function exited(identity: ProcessIdentity, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (!isProcessRunning(identity.pid, identity.startTime)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
