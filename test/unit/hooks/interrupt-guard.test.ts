import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InterruptGuard } from '../../../src/hooks/interrupt-guard.js';

test('a signal while armed restores, logs and exits with 128+signal', async () => {
  const exits: number[] = [];
  const logs: string[] = [];
  const guard = new InterruptGuard(
    (code) => exits.push(code),
    (line) => logs.push(line),
  );
  let restored = 0;
  guard.arm(async () => {
    restored++;
  });
  await guard.onSignal('SIGINT', 130);
  await guard.onSignal('SIGTERM', 143); // a second signal during/after the restore is ignored
  assert.is(restored, 1);
  assert.equal(exits, [130]);
  assert.match(logs[0]!, /SIGINT: stopped; index and work tree are back/);
});

test('a failing restore is said; unarmed just stops', async () => {
  const logs: string[] = [];
  const exits: number[] = [];
  const failing = new InterruptGuard(
    (code) => exits.push(code),
    (line) => logs.push(line),
  );
  failing.arm(async () => {
    throw new Error('locked');
  });
  await failing.onSignal('SIGTERM', 143);
  assert.match(logs[0]!, /could not restore everything \(locked\)/);
  const idle = new InterruptGuard(
    (code) => exits.push(code),
    (line) => logs.push(line),
  );
  idle.arm(async () => undefined);
  idle.disarm();
  await idle.onSignal('SIGINT', 130);
  assert.equal(exits, [143, 130]);
  assert.is(logs[1], 'br-guard: SIGINT: stopped');
});

test('install and uninstall add and remove the process listeners', () => {
  const guard = new InterruptGuard(
    () => undefined,
    () => undefined,
  );
  const before = process.listenerCount('SIGINT');
  guard.install();
  assert.is(process.listenerCount('SIGINT'), before + 1);
  assert.is(process.listenerCount('SIGTERM') >= 1, true);
  guard.uninstall();
  assert.is(process.listenerCount('SIGINT'), before);
});

test.run();
