import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_SOCKET_PATH, workerPaths } from '../../../../src/quality/warm-worker/worker-paths.js';
import { readWorkerState, removeWorkerFiles, writeWorkerState } from '../../../../src/quality/warm-worker/worker-state.js';
import { describeWorkerStatus, formatDuration } from '../../../../src/quality/warm-worker/worker-status.js';
import { createTempRepo } from '../../../helpers/temp-repo.js';

test('the socket and state live under the worktree git dir', () => {
  const paths = workerPaths('/repo/.git/worktrees/feature');
  assert.is(paths.dir, '/repo/.git/worktrees/feature/br-guard');
  assert.is(paths.socket, '/repo/.git/worktrees/feature/br-guard/worker.sock');
  assert.is(paths.state, '/repo/.git/worktrees/feature/br-guard/worker.json');
});

test('a git dir too deep for a unix socket path gets one in the temp folder, one per git dir', () => {
  const deep = `/${'d'.repeat(MAX_SOCKET_PATH)}/.git`;
  const paths = workerPaths(deep);
  assert.ok(paths.socket.startsWith(tmpdir()));
  assert.ok(Buffer.byteLength(paths.socket) <= MAX_SOCKET_PATH);
  assert.is.not(workerPaths(`${deep}x`).socket, paths.socket);
  assert.is(paths.state, join(deep, 'br-guard', 'worker.json'));
});

test('state: written whole, read back; garbage or a missing file reads as none', async () => {
  const repo = createTempRepo();
  try {
    const paths = workerPaths(join(repo.root, '.git'));
    assert.is(await readWorkerState(paths), null);
    const state = {
      pid: 42,
      startTime: '123',
      versionKey: 'k',
      root: repo.root,
      startedAt: '2026-01-01T00:00:00.000Z',
      socket: paths.socket,
    };
    await writeWorkerState(paths, state);
    assert.equal(await readWorkerState(paths), state);
    writeFileSync(paths.state, '{"pid": 4');
    assert.is(await readWorkerState(paths), null);
    writeFileSync(paths.state, '{"pid": "42"}');
    assert.is(await readWorkerState(paths), null);
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.socket, 'not a socket');
    await removeWorkerFiles(paths);
    assert.is(await readWorkerState(paths), null);
  } finally {
    repo.cleanup();
  }
});

test('status lines say what runs and whether it is current', () => {
  assert.equal(describeWorkerStatus({ running: false, reason: 'no worker running' }), ['no worker running']);
  const lines = describeWorkerStatus({
    running: true,
    pid: 7,
    root: '/r',
    versionKey: 'old',
    expectedVersionKey: 'new',
    versionKeyMatches: false,
    startedAt: '',
    uptimeMs: 125_000,
    rssBytes: 150 * 1024 * 1024,
    toolsLoaded: ['eslint', 'prettier'],
    idleMinutes: 10,
    requests: 3,
    socket: '/r/.git/br-guard/worker.sock',
  });
  assert.is(lines[0], 'pid 7, up 2 min 5 s, RSS 150 MB');
  assert.match(lines[1]!, /eslint, prettier; 3 requests/);
  assert.match(lines[3]!, /stale: this checkout is new/);
  assert.is(formatDuration(5_000), '5 s');
  assert.is(formatDuration(3_720_000), '1 h 2 min');
});

test.run();
