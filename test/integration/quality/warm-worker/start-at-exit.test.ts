import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readProcessStatus } from '../../../../src/adapters/process-liveness.js';
import { readWorkerStatus } from '../../../../src/quality/warm-worker/worker-status.js';
import { runCli } from '../../../helpers/run-cli.js';
import { createTempRepo } from '../../../helpers/temp-repo.js';
import { pathsOf, stopTestWorker, waitFor } from '../../../helpers/warm-worker.js';

/** Seconds since this test process started at which process `pid` started (Linux /proc start ticks, 100 per second). */
function startedAtSeconds(pid: number): number {
  const ticks = (id: number) => Number(readProcessStatus(id)?.startTime);
  return (ticks(pid) - ticks(process.pid)) / 100;
}

test('a short run (a hook) starts the worker for next time as it exits, not while its checks run', async () => {
  if (process.platform !== 'linux' || !/^\d+$/.test(readProcessStatus(process.pid)?.startTime ?? '')) {
    process.stderr.write('  skipped "start at exit": needs /proc start ticks (Linux)\n');
    return;
  }
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "sample" }\n' } });
  try {
    repo.write({ 'src/a.ts': 'export const a = 1;\n' });
    repo.git('add', '.');
    const began0 = process.uptime();
    const result = runCli(['quality', 'check', '--staged', '--only', 'eslint,prettier'], { cwd: repo.root, env: { BR_GUARD_WORKER: '1' } });
    const exited = process.uptime();
    assert.is(result.code, 0, result.stderr);
    const status = await waitFor(
      async () => {
        const found = await readWorkerStatus(repo.root, pathsOf(repo.root));
        return found.running ? found : null;
      },
      30_000,
      'the worker started for next time',
    );
    // Its process began as the check exited; a check that ran past the 1.5 s delay (a loaded
    // machine) started it then, never at once.
    assert.ok(status.running, 'running');
    const began = status.running ? startedAtSeconds(status.pid) : 0;
    // "As it exits": in the run's last 40% (its 'exit' comes before the process is gone; the old
    // spawn came at about a third of the run), or at the 1.5 s delay of a longer run. A process
    // whose exit came before 1.4 s may take a while more to be gone on a loaded machine, so the
    // bound is the smaller of the two.
    const expected = began0 + Math.min(0.6 * (exited - began0), 1.4);
    assert.ok(began >= expected, `worker process started at ${began} s; the check ran from ${began0.toFixed(2)} to ${exited.toFixed(2)} s`);
  } finally {
    await stopTestWorker(repo.root);
    repo.cleanup();
  }
});

test.run();
