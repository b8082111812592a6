import { PassThrough } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { progressReporter, terminalAsk } from '../../../src/cli/commands/build-terminal.js';
import type { GateRecord } from '../../../src/build/build-state.js';
import type { CommandContext } from '../../../src/cli/context.js';

function gate(extra: Partial<GateRecord> = {}): GateRecord {
  return {
    id: 'g',
    taskId: 'g',
    kind: 'declared',
    message: 'Go?',
    since: new Date().toISOString(),
    timeoutAt: null,
    defaultAction: null,
    decision: null,
    by: null,
    at: null,
    note: null,
    ...extra,
  };
}

test('the terminal prompt takes a prefix of a choice and asks again on nonsense', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c) => (shown += c.toString()));
  const pending = terminalAsk('ann', { input, output })(gate({ kind: 'failure', id: 'g:failure' }), ['retry', 'skip', 'abort']);
  input.write('what\n');
  input.write('s\n');
  const answer = await pending;
  assert.equal([answer?.gate, answer?.decision, answer?.by], ['g:failure', 'skip', 'ann']);
  assert.match(shown, /gate g:failure: Go\?\n {2}retry \/ skip \/ abort\? /);
});

test('a prompt with a timeout answers itself; Ctrl-C interrupts', async () => {
  const timed = await terminalAsk('ann', { input: new PassThrough(), output: new PassThrough() })(
    gate({ timeoutAt: new Date(Date.now() + 20).toISOString(), defaultAction: 'approve' }),
    ['approve', 'reject'],
  );
  assert.equal([timed?.decision, timed?.by], ['approve', 'timeout']);
  const input = new PassThrough();
  let interrupted = false;
  const pending = terminalAsk('ann', { input, output: new PassThrough(), terminal: true, onInterrupt: () => (interrupted = true) })(
    gate(),
    ['approve', 'reject'],
  );
  input.write('\u0003');
  assert.is(await pending, null);
  assert.ok(interrupted);
});

test('progress without a TTY prints one line per event', () => {
  const lines: string[] = [];
  const context = { json: false, stderr: (text: string) => lines.push(text) } as unknown as CommandContext;
  const progress = progressReporter(context, 2);
  progress.onEvent({ type: 'task-start', task: 'a', attempt: 1 });
  progress.onEvent({ type: 'task-start', task: 'a', attempt: 2 });
  progress.onEvent({ type: 'task-end', task: 'a', status: 'done', durationMs: 1500, exitCode: 0, log: 'l' });
  progress.onEvent({ type: 'task-end', task: 'b', status: 'failed', durationMs: 10, exitCode: 2, log: 'b.log' });
  progress.onEvent({ type: 'gate', gate: gate() });
  progress.onEvent({ type: 'checkpoint', name: 'auto-1', batch: 0 });
  progress.onEvent({ type: 'warning', message: 'careful' });
  progress.suspend();
  progress.resume();
  progress.stop();
  assert.equal(lines, [
    '▶ a',
    '▶ a (attempt 2)',
    '✓ a (1.5s)',
    '✗ b failed with exit 2 (0.0s); log: b.log',
    '⏸ gate g: Go?',
    'checkpoint auto-1 (batch 1 finished)',
    'warning: careful',
  ]);
});

test('live progress redraws one line on stderr and stays quiet while a prompt waits', async () => {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const lines: string[] = [];
    const progress = progressReporter({ json: false, stderr: (t: string) => lines.push(t) } as unknown as CommandContext, 3, true);
    progress.onEvent({ type: 'task-start', task: 'a', attempt: 1 });
    await new Promise((r) => setTimeout(r, 300));
    progress.suspend();
    const before = written.length;
    await new Promise((r) => setTimeout(r, 300));
    assert.is(written.length, before, 'nothing drawn while suspended');
    progress.resume();
    progress.stop();
    assert.ok(written.some((w) => /\[0\/3\] .*s running: a/.test(w)));
    assert.equal(lines, ['▶ a']);
  } finally {
    process.stderr.write = original;
  }
});

test.run();
