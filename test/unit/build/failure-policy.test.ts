import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isCi, resolveFailurePolicy } from '../../../src/build/failure-policy.js';

test('the failure policy: flag, then config, then gate only on a TTY outside CI', () => {
  const tty = { stdinIsTTY: true, env: {} };
  assert.is(resolveFailurePolicy(undefined, undefined, tty), 'gate');
  assert.is(resolveFailurePolicy(undefined, undefined, { stdinIsTTY: false, env: {} }), 'fail');
  assert.is(resolveFailurePolicy(undefined, undefined, { stdinIsTTY: true, env: { CI: 'true' } }), 'fail');
  assert.is(resolveFailurePolicy(undefined, 'fail', tty), 'fail');
  assert.is(resolveFailurePolicy(undefined, 'gate', { stdinIsTTY: false, env: { CI: '1' } }), 'gate');
  assert.is(resolveFailurePolicy('fail', 'gate', tty), 'fail');
  assert.is(resolveFailurePolicy('gate', 'fail', { stdinIsTTY: false, env: {} }), 'gate');
});

test('CI is any value but an explicit no', () => {
  assert.ok(isCi({ CI: 'true' }));
  assert.ok(isCi({ CI: '1' }));
  assert.ok(isCi({ CI: 'woodpecker' }));
  assert.not.ok(isCi({}));
  assert.not.ok(isCi({ CI: 'false' }));
  assert.not.ok(isCi({ CI: ' 0 ' }));
  assert.not.ok(isCi({ CI: '' }));
});

test.run();
