import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import {
  currentProcessIdentity,
  isLivingState,
  isProcessRunning,
  parseProcStat,
  parsePsStatLstart,
  readProcessStatus,
} from '../../../src/adapters/process-liveness.js';

// Captured on Linux: a running `cat`, and a zombie `sh` (its parent exec'd `sleep`, which never waits).
const RUNNING =
  '13125 (cat) R 13123 13123 7970 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 123213 3133440 393 18446744073709551615 94760180125696 0\n';
const ZOMBIE = '13178 (sh) Z 13176 13174 7970 0 -1 4227148 22 0 0 0 0 0 0 0 20 0 1 0 123579 0 0 18446744073709551615 0 0 0\n';

test('parseProcStat reads state and field 22 after the last parenthesis', () => {
  assert.equal(parseProcStat(RUNNING), { state: 'R', startTime: '123213' });
  assert.equal(parseProcStat(ZOMBIE), { state: 'Z', startTime: '123579' });
  // A command name may hold spaces and parentheses of its own.
  const odd = RUNNING.replace('(cat)', '(a) b (c) d)');
  assert.equal(parseProcStat(odd), { state: 'R', startTime: '123213' });
});

test('parseProcStat refuses text it cannot read', () => {
  assert.is(parseProcStat(''), null);
  assert.is(parseProcStat('13125 cat R 1 2'), null);
  assert.is(parseProcStat('13125 (cat) R 1 2 3'), null);
});

test('parsePsStatLstart reads the BSD ps line', () => {
  assert.equal(parsePsStatLstart('Ss   Wed Dec  2 04:09:51 2026\n'), { state: 'S', startTime: 'Wed Dec 2 04:09:51 2026' });
  assert.equal(parsePsStatLstart('Z+ Tue Dec  1 10:00:00 2026'), { state: 'Z', startTime: 'Tue Dec 1 10:00:00 2026' });
  assert.is(parsePsStatLstart(''), null);
});

test('zombies and dead processes are not alive', () => {
  assert.ok(isLivingState('S'));
  assert.ok(isLivingState('R'));
  assert.not.ok(isLivingState('Z'));
  assert.not.ok(isLivingState('X'));
});

test('isProcessRunning: same start time alive, zombie dead, reused pid dead, old marker without start time', () => {
  const read = (status: ReturnType<typeof parseProcStat>) => () => status;
  assert.ok(isProcessRunning(13125, '123213', read(parseProcStat(RUNNING))));
  assert.not.ok(isProcessRunning(13178, '123579', read(parseProcStat(ZOMBIE))));
  assert.not.ok(isProcessRunning(13125, '999', read(parseProcStat(RUNNING))), 'a reused pid');
  assert.not.ok(isProcessRunning(13125, '123213', read(null)), 'gone');
  assert.ok(isProcessRunning(13125, undefined, read(parseProcStat(RUNNING))));
  assert.not.ok(isProcessRunning(13178, undefined, read(parseProcStat(ZOMBIE))));
});

test('this process is alive by its own identity; a nonsense pid is not', () => {
  const me = currentProcessIdentity();
  assert.ok(me);
  assert.ok(isProcessRunning(me!.pid, me!.startTime));
  assert.not.ok(isProcessRunning(me!.pid, `${me!.startTime}1`));
  assert.is(readProcessStatus(-1), null);
  assert.is(readProcessStatus(2 ** 30), null);
});

test('a real zombie is dead', async () => {
  if (process.platform === 'win32') return;
  // `sh` starts a short `sleep` in the background and becomes `sleep`, which never reaps it.
  const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(String(chunk)))));
    let status = readProcessStatus(pid);
    for (let i = 0; i < 50 && status?.state !== 'Z'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = readProcessStatus(pid);
    }
    assert.is(status?.state, 'Z');
    assert.not.ok(isProcessRunning(pid, status!.startTime));
    // The signal test alone is fooled by it.
    assert.not.throws(() => process.kill(pid, 0));
  } finally {
    parent.kill('SIGKILL');
  }
});

test.run();
