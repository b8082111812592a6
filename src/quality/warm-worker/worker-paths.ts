import { createHash } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface WorkerPaths {
  /** `<git dir>/br-guard`: per worktree, so each worktree has its own worker. */
  dir: string;
  socket: string;
  /** pid, start time, version key, started-at (worker-state.ts). */
  state: string;
}

/**
 * A unix socket path must fit `sun_path` (108 bytes on Linux, 104 on macOS). A git dir too deep
 * for that gets a socket in the temp folder, named by a hash of the git dir (still one per worktree).
 */
export const MAX_SOCKET_PATH = 100;

export function workerPaths(gitDir: string): WorkerPaths {
  const dir = join(gitDir, 'br-guard');
  let socket = join(dir, 'worker.sock');
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    const id = createHash('sha256').update(gitDir).digest('hex').slice(0, 16);
    socket = join(tmpdir(), `br-guard-${safeUser()}-${id}.sock`);
  }
  return { dir, socket, state: join(dir, 'worker.json') };
}

function safeUser(): string {
  try {
    return String(userInfo().uid);
  } catch {
    return 'user';
  }
}
