import { readFile, rm } from 'node:fs/promises';
import { writeJsonAtomic } from '../../adapters/file-system.js';
import type { WorkerPaths } from './worker-paths.js';

/** What a running worker leaves beside its socket, so a client can tell it is alive and current without asking it. */
export interface WorkerState {
  pid: number;
  /** The process start time (process-liveness.ts): a pid alone may be a zombie or a stranger. */
  startTime: string;
  versionKey: string;
  root: string;
  startedAt: string;
  socket: string;
}

/** Written temp-then-rename, so a reader sees the old state or the new one, never half of one. */
export function writeWorkerState(paths: WorkerPaths, state: WorkerState): Promise<void> {
  return writeJsonAtomic(paths.state, state);
}

/** The recorded state, or null when there is none or it is not a state (truncated, garbage). */
export async function readWorkerState(paths: WorkerPaths): Promise<WorkerState | null> {
  try {
    const value = JSON.parse(await readFile(paths.state, 'utf8')) as Partial<WorkerState>;
    if (typeof value.pid !== 'number' || typeof value.startTime !== 'string' || typeof value.versionKey !== 'string') return null;
    return value as WorkerState;
  } catch {
    return null;
  }
}

/** Removes the socket and the state (a stopped or dead worker's leftovers). */
export async function removeWorkerFiles(paths: WorkerPaths): Promise<void> {
  await Promise.all([rm(paths.socket, { force: true }).catch(() => undefined), rm(paths.state, { force: true }).catch(() => undefined)]);
}
