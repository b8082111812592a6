import type { Command } from 'commander';
import { action } from '../action.js';
import type { CommandContext } from '../context.js';

/** `br-guard worker status|stop`: the warm worker of this worktree (docs/hooks.md, "Warm worker"). */
export function registerWorkerCommands(program: Command): void {
  const worker = program.command('worker').description('the warm worker that keeps the JS tools loaded between commits');
  worker
    .command('status')
    .description('pid, uptime, RSS, tools loaded, idle timeout and whether its version key matches; exit 0 either way')
    .action(action(async (context) => statusAction(context)));
  worker
    .command('stop')
    .description("stop this worktree's worker (asked, then SIGTERM, then SIGKILL) and remove its socket and state")
    .action(action(async (context) => stopAction(context)));
}

async function pathsOf(context: CommandContext) {
  const git = await context.git();
  const { workerPaths } = await import('../../quality/warm-worker/worker-paths.js');
  return { root: git.root, paths: workerPaths(git.gitDir) };
}

async function statusAction(context: CommandContext): Promise<number> {
  const { root, paths } = await pathsOf(context);
  const { readWorkerStatus, describeWorkerStatus } = await import('../../quality/warm-worker/worker-status.js');
  const status = await readWorkerStatus(root, paths);
  if (context.json) context.stdout(JSON.stringify(status));
  else context.stdout(describeWorkerStatus(status).join('\n'));
  return 0;
}

async function stopAction(context: CommandContext): Promise<number> {
  const { paths } = await pathsOf(context);
  const { stopWorker } = await import('../../quality/warm-worker/stop-worker.js');
  const outcome = await stopWorker(paths);
  if (context.json) context.stdout(JSON.stringify(outcome));
  else if (outcome.pid === null) context.stderr('br-guard: no worker running');
  else context.stderr(`br-guard: stopped the warm worker (pid ${outcome.pid}, ${stopHow[outcome.how]})`);
  return 0;
}

const stopHow: Record<string, string> = {
  request: 'on request',
  sigterm: 'SIGTERM',
  sigkill: 'SIGKILL after it did not stop in time',
  gone: 'already gone',
  none: 'none',
};
