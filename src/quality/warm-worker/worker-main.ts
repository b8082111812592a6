import { parseArgs } from 'node:util';
import { defaultConfig } from '../../config/defaults.js';
import { computeVersionKey } from './version-key.js';
import { workerPaths } from './worker-paths.js';
import { startWorkerServer } from './worker-server.js';
import { stopProcess } from './stop-worker.js';

// The warm worker process (spawn-worker.ts starts it detached, stdio ignored). It never prints
// and never writes anything but its socket and state: every failure ends it quietly, and the
// clients then run the tools in-process as if there had never been a worker.
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string' },
      'git-dir': { type: 'string' },
      'after-pid': { type: 'string' },
      'after-start': { type: 'string' },
      'replace-pid': { type: 'string' },
      'replace-start': { type: 'string' },
    },
  });
  if (!values.root || !values['git-dir']) process.exit(2);
  const root = values.root;
  const after = values['after-pid'] ? { pid: Number(values['after-pid']), startTime: values['after-start'] ?? '' } : null;
  // A stale worker (another version key) is stopped here, in the background, not in the hook that noticed it.
  if (values['replace-pid']) await stopProcess({ pid: Number(values['replace-pid']), startTime: values['replace-start'] ?? '' });
  const [versionKey, idleMinutes] = await Promise.all([computeVersionKey(root), configuredIdleMinutes(root)]);
  const server = await startWorkerServer({
    root,
    paths: workerPaths(values['git-dir']),
    versionKey,
    idleMinutes,
    after,
    onStopped: () => process.exit(0),
  });
  if (!server) process.exit(0); // Another worker serves this worktree already.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => void server.stop());
}

/** `quality.worker.idleMinutes`; a config that does not load leaves the default (the hook reports the config's problem). */
async function configuredIdleMinutes(root: string): Promise<number> {
  try {
    const { loadConfig } = await import('../../config/load-config.js');
    return (await loadConfig(root)).config.quality.worker.idleMinutes;
  } catch {
    return defaultConfig().quality.worker.idleMinutes;
  }
}

main().catch(() => process.exit(1));
