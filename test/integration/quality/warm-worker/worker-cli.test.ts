import { availableParallelism } from 'node:os';
import { SECOND_SET_MAX_RSS_MB } from '../../../../src/quality/warm-worker/tool-pool.js';
import { existsSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProcessRunning } from '../../../../src/adapters/process-liveness.js';
import { readWorkerState } from '../../../../src/quality/warm-worker/worker-state.js';
import { runCli } from '../../../helpers/run-cli.js';
import { createTempRepo } from '../../../helpers/temp-repo.js';
import { pathsOf, startTestWorker, stopTestWorker, waitFor, waitForReadyWorker } from '../../../helpers/warm-worker.js';

test('worker status and stop through the real CLI', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "sample" }\n' } });
  try {
    const none = runCli(['worker', 'status'], { cwd: repo.root });
    assert.is(none.code, 0);
    assert.is(none.stdout.trim(), 'no worker running');
    assert.equal(runCli(['worker', 'status', '--json'], { cwd: repo.root }).json(), { running: false, reason: 'no worker running' });

    const state = await startTestWorker(repo.root);
    const text = runCli(['worker', 'status'], { cwd: repo.root });
    assert.is(text.code, 0);
    assert.match(text.stdout, new RegExp(`^pid ${state.pid}, up \\d+ s, RSS \\d+ MB`));
    assert.match(text.stdout, /tools loaded: eslint, prettier, typescript/);
    assert.match(text.stdout, /idle timeout: 10 min/);
    assert.match(text.stdout, /matches this checkout/);
    const json = runCli(['worker', 'status', '--json'], { cwd: repo.root }).json();
    assert.is(json.running, true);
    assert.is(json.pid, state.pid);
    assert.is(json.versionKeyMatches, true);
    assert.ok(json.rssBytes > 10 * 1024 * 1024 && json.rssBytes < 400 * 1024 * 1024, `RSS ${json.rssBytes}`);
    // With two cores the worker warms a second set of tools in a thread, after the first, unless
    // the first is already past the RSS limit (tool-pool.ts).
    let status = json;
    for (let i = 0; i < 300 && !status.toolThreads.settled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = runCli(['worker', 'status', '--json'], { cwd: repo.root }).json();
    }
    assert.ok(status.toolThreads.settled, JSON.stringify(status.toolThreads));
    if (availableParallelism() < 2 || status.toolThreads.warm < 2) {
      assert.is(status.toolThreads.warm, 1);
      assert.ok(
        availableParallelism() < 2 || status.rssBytes > SECOND_SET_MAX_RSS_MB * 1024 * 1024,
        `one set only with one core or a big first set (RSS ${status.rssBytes})`,
      );
    } else {
      assert.equal(status.toolThreads, { warm: 2, answeredBySecond: 0, settled: true });
      assert.match(runCli(['worker', 'status'], { cwd: repo.root }).stdout, /requests answered \(on two threads: 0 by the second\)/);
    }

    const stop = runCli(['worker', 'stop'], { cwd: repo.root });
    assert.is(stop.code, 0);
    assert.match(stop.stderr, new RegExp(`stopped the warm worker \\(pid ${state.pid}, on request\\)`));
    assert.not.ok(isProcessRunning(state.pid, state.startTime));
    assert.not.ok(existsSync(pathsOf(repo.root).socket));
    assert.not.ok(existsSync(pathsOf(repo.root).state));
    assert.match(runCli(['worker', 'stop'], { cwd: repo.root }).stderr, /no worker running/);
  } finally {
    await stopTestWorker(repo.root);
    repo.cleanup();
  }
});

test('worker stop: a worker that does not answer gets SIGTERM, then SIGKILL', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "sample" }\n' } });
  try {
    const state = await startTestWorker(repo.root);
    process.kill(state.pid, 'SIGSTOP'); // Asked nicely, it cannot answer; SIGTERM waits while it is stopped.
    const stop = runCli(['worker', 'stop', '--json'], { cwd: repo.root });
    assert.is(stop.code, 0);
    assert.equal(stop.json(), { pid: state.pid, how: 'sigkill' });
    assert.not.ok(isProcessRunning(state.pid, state.startTime));
    assert.not.ok(existsSync(pathsOf(repo.root).state));
  } finally {
    await stopTestWorker(repo.root);
    repo.cleanup();
  }
});

test('worker status of a recorded worker that has died says so', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "sample" }\n' } });
  try {
    const state = await startTestWorker(repo.root);
    process.kill(state.pid, 'SIGKILL');
    await waitFor(() => !isProcessRunning(state.pid, state.startTime), 5000);
    const status = runCli(['worker', 'status'], { cwd: repo.root });
    assert.is(status.code, 0);
    assert.is(status.stdout.trim(), `no worker running (pid ${state.pid} has exited)`);
  } finally {
    await stopTestWorker(repo.root);
    repo.cleanup();
  }
});

test('pre-commit: the first run starts a worker, the next one is served by it with the same verdict; BR_GUARD_WORKER=0 starts none', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "sample" }\n' } });
  const off = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "sample" }\n' } });
  try {
    const stage = (target: typeof repo, n: number): void => {
      target.write({ 'src/a.ts': `export const a = {x:${n}}\nconst unused${n} = ${n};\n` });
      target.git('add', '-A');
    };
    stage(off, 1);
    const disabled = runCli(['hook', 'pre-commit'], { cwd: off.root, env: { BR_GUARD_WORKER: '0' } });
    assert.is(disabled.code, 1, disabled.stderr);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.not.ok(existsSync(pathsOf(off.root).state), 'no worker started');
    assert.not.ok(existsSync(pathsOf(off.root).socket), 'no worker started');

    stage(repo, 1);
    const first = runCli(['hook', 'pre-commit'], { cwd: repo.root, env: { BR_GUARD_WORKER: '1' } });
    assert.is(first.code, 1, first.stderr);
    assert.match(first.stderr, /no-unused-vars/);
    // It loads its tools once the hook that started it has exited.
    const state = await waitForReadyWorker(repo.root);
    const second = runCli(['hook', 'pre-commit'], { cwd: repo.root, env: { BR_GUARD_WORKER: '1' } });
    assert.is(second.code, 1, second.stderr);
    const lines = (text: string): string[] => text.split('\n').map((line) => line.replace(/\(\d+(?:\.\d+)? m?s\)/, '(…)'));
    assert.equal(lines(second.stderr), lines(first.stderr));
    const status = runCli(['worker', 'status', '--json'], { cwd: repo.root }).json();
    assert.is(status.pid, state.pid);
    assert.ok(status.requests > 0, 'the second hook asked the worker');
    assert.is((await readWorkerState(pathsOf(repo.root)))!.pid, state.pid);
  } finally {
    await stopTestWorker(repo.root);
    repo.cleanup();
    off.cleanup();
  }
});

test.run();
