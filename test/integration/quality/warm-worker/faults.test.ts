import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProcessRunning, readProcessStatus } from '../../../../src/adapters/process-liveness.js';
import { createScriptAnalysisCore } from '../../../../src/quality/checkers/script-analysis-core.js';
import { scriptAnalysis, type EslintOutcome } from '../../../../src/quality/checkers/script-analysis-service.js';
import { spawnWorker } from '../../../../src/quality/warm-worker/spawn-worker.js';
import { computeVersionKey } from '../../../../src/quality/warm-worker/version-key.js';
import { closeWarmWorkers, warmWorkerFor } from '../../../../src/quality/warm-worker/warm-worker-for.js';
import {
  connectWorker,
  REPLY_TIMEOUT_MS,
  WorkerUnavailableError,
  type WorkerClient,
} from '../../../../src/quality/warm-worker/worker-client.js';
import { readWorkerState, writeWorkerState } from '../../../../src/quality/warm-worker/worker-state.js';
import { readWorkerStatus } from '../../../../src/quality/warm-worker/worker-status.js';
import { allowWarmWorker, disallowWarmWorker } from '../../../../src/quality/warm-worker/worker-switch.js';
import { createTempRepo, type TempRepo } from '../../../helpers/temp-repo.js';
import { pathsOf, startTestWorker, stopTestWorker, waitFor } from '../../../helpers/warm-worker.js';

// This suite is about the worker: on while it runs, whatever the suite runner says. Set in
// before/after, not at import: the runner imports every suite into one process first, and the
// setting must not reach the others (their CLI runs would start workers).
const runnerSetting = process.env.BR_GUARD_WORKER;
test.before(() => {
  process.env.BR_GUARD_WORKER = '1';
  allowWarmWorker();
});
test.after(() => {
  disallowWarmWorker();
  if (runnerSetting === undefined) delete process.env.BR_GUARD_WORKER;
  else process.env.BR_GUARD_WORKER = runnerSetting;
});

const repos: TempRepo[] = [];
const children: ChildProcess[] = [];
function repo(files: Record<string, string> = {}): TempRepo {
  const made = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "sample" }\n', ...files } });
  repos.push(made);
  return made;
}

test.after.each(async () => {
  closeWarmWorkers();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const made of repos.splice(0)) {
    // A worker a decision started may still be on its way up: let it record itself, then stop it.
    if (existsSync(pathsOf(made.root).dir)) await waitFor(() => existsSync(pathsOf(made.root).state), 2000).catch(() => undefined);
    await stopTestWorker(made.root);
    made.cleanup();
  }
});

/** Times `warmWorkerFor` from a fresh decision. */
async function decide(root: string): Promise<{ client: WorkerClient | null; ms: number }> {
  closeWarmWorkers();
  const started = performance.now();
  const client = await warmWorkerFor(root);
  return { client, ms: performance.now() - started };
}

/** A fresh worker (not `oldPid`) is recorded, alive, and answers `status`. */
async function freshWorker(root: string, oldPid: number | null): Promise<number> {
  return waitFor(
    async () => {
      const status = await readWorkerStatus(root, pathsOf(root));
      return status.running && status.pid !== oldPid ? status.pid : null;
    },
    30_000,
    'a fresh worker',
  );
}

/** A node process listening on `socket`: silent (accepts, never answers) or killed to leave its socket file behind. */
async function listener(socket: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-e', `require('net').createServer(() => {}).listen(${JSON.stringify(socket)}, () => console.log('up'))`],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  children.push(child);
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return child;
}

test('no worker: the decision is in-process at once, and a worker is started for next time', async () => {
  const made = repo();
  const { client, ms } = await decide(made.root);
  assert.is(client, null);
  assert.ok(ms < 200, `${ms} ms`);
  await freshWorker(made.root, null);
});

test('a ready worker is used; one SIGKILLed mid-request is noticed at once and the answer comes from in-process', async () => {
  const made = repo();
  const state = await startTestWorker(made.root);
  const { client } = await decide(made.root);
  assert.ok(client, 'connected');
  // Big enough that ESLint is still at it when the kill lands.
  const text = Array.from({ length: 4000 }, (_, i) => `export const v${i} = ${i} + unknown${i};`).join('\n') + '\nconst unused = 1;\n';
  const call = client!.call<EslintOutcome>({ kind: 'lint', path: 'src/big.ts', text, fix: false });
  await new Promise((resolve) => setTimeout(resolve, 30));
  process.kill(state.pid, 'SIGKILL');
  const killed = performance.now();
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  assert.instance(error, WorkerUnavailableError);
  assert.ok(performance.now() - killed < 200, 'noticed within 200 ms');
  // The same process goes on in-process, with the answer the in-process tools give.
  const routed = await scriptAnalysis(made.root).lint('src/big.ts', text, false);
  const expected = (await createScriptAnalysisCore(made.root).analyse({
    kind: 'lint',
    path: 'src/big.ts',
    text,
    fix: false,
  })) as EslintOutcome;
  assert.equal(routed.messages, expected.messages);
  assert.ok(routed.messages.some((message) => message.ruleId === '@typescript-eslint/no-unused-vars'));
  // The next run finds the dead worker's files, clears them and starts a fresh worker.
  await waitFor(() => !isProcessRunning(state.pid, state.startTime), 5000, 'the kill');
  // (Not timed here: this process now holds ESLint, which makes its own spawn slow; the stale-socket test times it.)
  assert.is((await decide(made.root)).client, null);
  assert.is.not(await freshWorker(made.root, state.pid), state.pid);
});

test('a stale socket file whose process is gone: in-process within 200 ms, then a fresh worker takes the path over', async () => {
  const made = repo();
  const paths = pathsOf(made.root);
  mkdirSync(paths.dir, { recursive: true });
  const dead = await listener(paths.socket);
  const startTime = readProcessStatus(dead.pid!)!.startTime;
  dead.kill('SIGKILL');
  await waitFor(() => !isProcessRunning(dead.pid!, startTime), 5000, 'the listener to die');
  assert.ok(lstatSync(paths.socket).isSocket(), 'the socket file is left behind');
  await writeWorkerState(paths, {
    pid: dead.pid!,
    startTime,
    versionKey: await computeVersionKey(made.root),
    root: made.root,
    startedAt: new Date().toISOString(),
    socket: paths.socket,
  });
  const { client, ms } = await decide(made.root);
  assert.is(client, null);
  assert.ok(ms < 200, `${ms} ms`);
  assert.is.not(await freshWorker(made.root, dead.pid!), dead.pid);
});

test('a stale socket file without any state: the new worker replaces it too', async () => {
  const made = repo();
  const paths = pathsOf(made.root);
  mkdirSync(paths.dir, { recursive: true });
  const dead = await listener(paths.socket);
  dead.kill('SIGKILL');
  await waitFor(() => dead.exitCode !== null || dead.signalCode !== null, 5000, 'the listener to die');
  const { client, ms } = await decide(made.root);
  assert.is(client, null);
  assert.ok(ms < 200, `${ms} ms`);
  await freshWorker(made.root, null);
});

test('a plain file where the socket should be: in-process, and a worker replaces it with its socket', async () => {
  const made = repo();
  const paths = pathsOf(made.root);
  mkdirSync(paths.dir, { recursive: true });
  writeFileSync(paths.socket, 'not a socket\n');
  const { client, ms } = await decide(made.root);
  assert.is(client, null);
  assert.ok(ms < 200, `${ms} ms`);
  await freshWorker(made.root, null);
  assert.ok(lstatSync(paths.socket).isSocket());
});

test('a socket another process owns and never answers on: in-process after the connect timeout; it is not ours to kill', async () => {
  const made = repo();
  const paths = pathsOf(made.root);
  mkdirSync(paths.dir, { recursive: true });
  const stranger = await listener(paths.socket);
  const { client, ms } = await decide(made.root);
  assert.is(client, null);
  assert.ok(ms >= 190 && ms < 400, `${ms} ms`);
  assert.ok(isProcessRunning(stranger.pid!, null), 'left alone');
  assert.not.ok(existsSync(paths.state), 'no worker of ours recorded');
});

test('a worker of another version key: in-process within 200 ms; it is replaced by a fresh one with the current key', async () => {
  const made = repo();
  const old = await startTestWorker(made.root);
  made.write({ '.prettierrc.json': '{ "semi": false }\n' });
  const { client, ms } = await decide(made.root);
  assert.is(client, null);
  assert.ok(ms < 200, `${ms} ms`);
  const pid = await freshWorker(made.root, old.pid);
  await waitFor(() => !isProcessRunning(old.pid, old.startTime), 10_000, 'the stale worker to stop');
  assert.is((await readWorkerState(pathsOf(made.root)))!.pid, pid);
  assert.is((await readWorkerState(pathsOf(made.root)))!.versionKey, await computeVersionKey(made.root));
});

test('a worker answers only its own root, one client at a time', async () => {
  const made = repo();
  await startTestWorker(made.root);
  const { socket } = pathsOf(made.root);
  const key = await computeVersionKey(made.root);
  const elsewhere = await connectWorker(socket, '/somewhere/else', key);
  assert.equal('failed' in elsewhere && elsewhere.failed, 'other-root');
  const stale = await connectWorker(socket, made.root, 'not-the-key');
  assert.equal('failed' in stale && stale.failed, 'stale');
  const first = await connectWorker(socket, made.root, key);
  assert.ok('call' in first);
  const second = await connectWorker(socket, made.root, key);
  assert.equal('failed' in second && second.failed, 'busy');
  (first as WorkerClient).close();
  await waitFor(async () => {
    const third = await connectWorker(socket, made.root, key);
    if (!('call' in third)) return false;
    third.close();
    return true;
  }, 5000);
});

test('a stuck worker is given up after the reply timeout, and writes nothing afterwards', async () => {
  const made = repo();
  const state = await startTestWorker(made.root);
  const { client } = await decide(made.root);
  assert.ok(client);
  process.kill(state.pid, 'SIGSTOP');
  const started = performance.now();
  try {
    const error = await client!.call({ kind: 'format', path: 'a.ts', text: 'const  a = 1\n' }).then(
      () => null,
      (caught: unknown) => caught,
    );
    assert.instance(error, WorkerUnavailableError);
    const waited = performance.now() - started;
    assert.ok(waited >= REPLY_TIMEOUT_MS - 20 && waited < REPLY_TIMEOUT_MS + 300, `${waited} ms`);
    assert.ok(client!.broken);
  } finally {
    process.kill(state.pid, 'SIGCONT');
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.is(made.git('status', '--porcelain'), '', 'the worker changed nothing in the repository');
});

test('BR_GUARD_WORKER=0: no connect, no spawn', async () => {
  const made = repo();
  process.env.BR_GUARD_WORKER = '0';
  try {
    assert.is((await decide(made.root)).client, null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.not.ok(existsSync(pathsOf(made.root).state));
    assert.not.ok(existsSync(pathsOf(made.root).socket));
  } finally {
    process.env.BR_GUARD_WORKER = '1';
  }
  disallowWarmWorker();
  try {
    assert.is((await decide(made.root)).client, null, 'only the hook and quality check turn it on');
    assert.not.ok(existsSync(pathsOf(made.root).state));
  } finally {
    allowWarmWorker();
  }
});

test('the worker exits by itself after quality.worker.idleMinutes and removes its files', async () => {
  const made = repo({ '.br-guardrc.yaml': 'quality:\n  worker:\n    idleMinutes: 0.05\n' });
  spawnWorker(made.root, join(made.root, '.git'), null, null);
  const state = await waitFor(() => readWorkerState(pathsOf(made.root)), 30_000, 'the worker to record itself');
  const status = await readWorkerStatus(made.root, pathsOf(made.root));
  assert.ok(status.running && status.idleMinutes === 0.05, JSON.stringify(status));
  await waitFor(() => !isProcessRunning(state.pid, state.startTime), 15_000, 'the idle exit');
  await waitFor(() => !existsSync(pathsOf(made.root).socket) && !existsSync(pathsOf(made.root).state), 2000, 'its files to go');
});

test.run();
