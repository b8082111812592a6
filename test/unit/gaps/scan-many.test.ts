import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanMany, scanSequentially } from '../../../src/gaps/scan-many.js';

const files = [
  { path: 'a.ts', content: "export const a = () => fetch('/api/a');\n" },
  { path: 'b.py', content: 'def b():\n    pass\n' },
  { path: 'c.ts', content: '// TODO: c\nexport function c() { return 1; }\n' },
  { path: 'd.py', content: '# FIXME: d\nx = 1\n' },
  { path: 'e.ts', content: 'export class E {}\n' },
];

test('worker threads give the same scans, in the same order, as one thread', async () => {
  const parallel = await scanMany(files, { workers: 2, threshold: 0 });
  const sequential = await scanSequentially(files);
  assert.equal(parallel, sequential);
  assert.equal(
    parallel.map((scan) => scan?.path),
    ['a.ts', 'b.py', 'c.ts', 'd.py', 'e.ts'],
  );
});

test('workers read files themselves; unreadable, binary and huge files yield null', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-guard-scan-many-'));
  try {
    writeFileSync(join(dir, 'a.ts'), "export const a = () => fetch('/api/a');\n");
    writeFileSync(join(dir, 'bin.ts'), Buffer.from([0x61, 0, 0x62]));
    writeFileSync(join(dir, 'huge.ts'), 'x'.repeat(1_000_001));
    const sources = ['a.ts', 'bin.ts', 'huge.ts', 'gone.ts'].map((path) => ({ path, absolutePath: join(dir, path) }));
    const scans = await scanMany([...sources, { path: 'none.ts' }], { workers: 2, threshold: 0 });
    assert.equal(
      scans.map((scan) => scan?.path ?? null),
      ['a.ts', null, null, null, null],
    );
    assert.equal(
      scans[0]?.calls.map((call) => call.path),
      ['/api/a'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('small batches stay on this thread', async () => {
  const scans = await scanMany(files.slice(0, 2), { workers: 4 });
  assert.is(scans.length, 2);
  assert.equal(scans[1]?.stubs, [{ name: 'b', line: 1, reason: 'pass-body' }]);
});

test.run();
