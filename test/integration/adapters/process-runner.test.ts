import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { descendantsOf, parsePsTable, runProcess } from '../../../src/adapters/process-runner.js';
import { readProcessStatus } from '../../../src/adapters/process-liveness.js';

test('descendantsOf walks a pid → parent table; parsePsTable reads ps output', () => {
  const table = parsePsTable('  1     0\n 10     1\n 11    10\n 12    11\n 20     1\nnoise\n 13    10\n');
  assert.equal(descendantsOf(10, table), [11, 13, 12]);
  assert.equal(descendantsOf(12, table), []);
  assert.equal(descendantsOf(99, table), []);
});

const pgrpOf = (pid: number | 'self'): number => {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(
    text
      .slice(text.lastIndexOf(')') + 1)
      .trim()
      .split(/\s+/)[2],
  );
};

test('children stay in our process group (a killed group takes them along); a timeout kills the whole tree', async () => {
  if (process.platform !== 'linux') return;
  const group = await runProcess('sh', ['-c', 'cut -d" " -f5 /proc/$$/stat'], { cwd: process.cwd() });
  assert.is(Number(group.stdout.trim()), pgrpOf('self'), 'no group of its own');
  // A grandchild that would outlive its parent: the timeout must end it too.
  const started = Date.now();
  const timed = await runProcess('sh', ['-c', 'sleep 30 & echo $!; wait'], { cwd: process.cwd(), timeoutMs: 300 });
  assert.ok(timed.timedOut);
  assert.ok(Date.now() - started < 10_000);
  const grandchild = Number(timed.stdout.trim());
  let status = readProcessStatus(grandchild);
  for (let i = 0; i < 50 && status && status.state !== 'Z'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = readProcessStatus(grandchild);
  }
  assert.ok(!status || status.state === 'Z', 'the grandchild was killed');
});

test('an abort kills the tree', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const started = Date.now();
  const result = await runProcess('sh', ['-c', 'sleep 30; echo never'], { cwd: process.cwd(), signal: controller.signal });
  assert.ok(Date.now() - started < 10_000);
  assert.ok(result.signal === 'SIGKILL' || result.code === 137, `${result.code} ${result.signal}`);
  assert.is(result.stdout, '');
});

test.run();
