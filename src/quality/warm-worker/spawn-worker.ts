import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { currentProcessIdentity, type ProcessIdentity } from '../../adapters/process-liveness.js';

/** The worker process's entry script. */
export const WORKER_ENTRY = fileURLToPath(new URL('./worker-main.js', import.meta.url));

/**
 * Starts a warm worker for `root` in the background: detached (its own session, so killing the
 * hook's process group leaves it), stdio ignored, unref'd (the hook exits without waiting). It
 * loads its tools only once `after` (by default this process) has exited. `replace` names a stale worker it stops first.
 * Never throws: a worker that cannot start only means the tools run in-process.
 */
export function spawnWorker(
  root: string,
  gitDir: string,
  replace: ProcessIdentity | null = null,
  after: ProcessIdentity | null = currentProcessIdentity(),
): boolean {
  const args = [WORKER_ENTRY, '--root', root, '--git-dir', gitDir];
  if (after) args.push('--after-pid', String(after.pid), '--after-start', after.startTime);
  if (replace) args.push('--replace-pid', String(replace.pid), '--replace-start', replace.startTime);
  try {
    const child = spawn(process.execPath, args, { cwd: root, detached: true, stdio: 'ignore', env: process.env });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
