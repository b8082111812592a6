import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drainQueues, scanFiles, scanMany, scanSequentially, type ScanQueue } from '../../../src/gaps/scan-many.js';
import { readScanCache, scanCacheShardPath, writeScanCache, SCANNER_VERSION } from '../../../src/gaps/scan-cache.js';
import { emptyScan } from '../../../src/gaps/scanner/types.js';
import { startScanWorkers } from '../../../src/gaps/scan-workers.js';
import { once } from 'node:events';

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

const queue = (paths: string[], taken = 0): ScanQueue => {
  const next = new SharedArrayBuffer(4);
  new Int32Array(next)[0] = taken;
  return { files: paths.map((path) => ({ path, content: 'x = 1\n' })), next };
};

test('a thread drains its own queue, then helps with another only while enough of it is left', async () => {
  const queues = [queue(['a.py', 'b.py']), queue(['c.py', 'd.py', 'e.py'], 1)];
  const scans = await drainQueues({ queues, order: [0, 1], switchMinFiles: 2 });
  assert.equal(
    scans.map(([q, i, scan]) => [q, i, scan?.path]),
    [
      [0, 0, 'a.py'],
      [0, 1, 'b.py'],
      [1, 1, 'd.py'],
      [1, 2, 'e.py'],
    ],
  );
  // Both queues are empty now: another thread finds nothing to take.
  assert.equal(await drainQueues({ queues, order: [1, 0], switchMinFiles: 0 }), []);
  const few = await drainQueues({ queues: [queue(['f.py']), queue(['g.py'])], order: [0, 1], switchMinFiles: 2 });
  assert.equal(
    few.map(([q, i]) => [q, i]),
    [[0, 0]],
  );
  // Its own queue empty, a thread helps with another however little is left.
  const idle = await drainQueues({ queues: [queue([]), queue(['h.py'])], order: [0, 1], switchMinFiles: 2 });
  assert.equal(
    idle.map(([q, i]) => [q, i]),
    [[1, 0]],
  );
});

test('many files of both languages: the same scans, in order, whichever thread scanned them', async () => {
  const many = Array.from({ length: 40 }, (_, i) =>
    i % 3 === 0 ? { path: `m${i}.py`, content: `def f${i}():\n    pass\n` } : { path: `m${i}.ts`, content: `export const v${i} = ${i};\n` },
  );
  const parallel = await scanMany(many, { workers: 3, threshold: 0 });
  assert.equal(parallel, await scanSequentially(many));
  assert.is(parallel[1]?.exports.v1, 'v1');
  assert.equal(Object.keys(emptyScan('x.ts', 'ts', 1).exports), []);
});

test('workers started ahead of the job load the parser, then scan it; unused ones are ended', async () => {
  const started = startScanWorkers(2);
  assert.is(started.length, 2);
  const exited = once(started[1]!.worker, 'exit');
  // Two threads in all: the first started worker takes the job, the second is not needed.
  const parallel = await scanMany(files, { workers: 2, threshold: 0, started });
  assert.equal(parallel, await scanSequentially(files));
  await exited;
  assert.ok(started[1]!.dead);

  const idle = startScanWorkers(1);
  const stopped = once(idle[0]!.worker, 'exit');
  assert.is((await scanMany(files.slice(0, 1), { workers: 2, started: idle })).length, 1);
  await stopped;
});

test('a started worker that died before its job is replaced by a new one', async () => {
  const started = startScanWorkers(1);
  const exited = once(started[0]!.worker, 'exit');
  await started[0]!.worker.terminate();
  await exited;
  assert.ok(started[0]!.dead);
  assert.equal(await scanMany(files, { workers: 2, threshold: 0, started }), await scanSequentially(files));
});

test('with a store, workers write their scans to a cache shard; the main file names it, a rewrite without it removes it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-scan-store-'));
  try {
    const many = Array.from({ length: 12 }, (_, i) => ({
      path: `s${i}.ts`,
      key: `blob${i} s${i}.ts`,
      content: `export const s${i} = ${i};\n`,
    }));
    const result = await scanFiles(many, { workers: 2, threshold: 0, store: { root } });
    assert.equal(result.scans, await scanSequentially(many));
    assert.is(result.shards, 1);
    await result.written;
    assert.ok(existsSync(scanCacheShardPath(root, 1)));
    // The main thread keeps what it scanned itself; the worker's share is in the shard.
    const own = Object.fromEntries(result.scans.flatMap((scan, i) => (scan && !result.stored.has(i) ? [[many[i]!.key, scan]] : [])));
    // The main thread made the JSON of its entries while it scanned: exactly those of its own scans.
    assert.equal([...result.entryJson.keys()].sort(), Object.keys(own).sort());
    assert.ok(Object.keys(own).length > 0, 'the main thread scanned some files itself');
    await writeScanCache(root, { version: SCANNER_VERSION, entries: own }, result.shards, result.entryJson);
    const read = await readScanCache(root);
    assert.equal(Object.keys(read.entries).sort(), many.map((file) => file.key).sort());
    assert.equal(read.entries['blob3 s3.ts']?.symbols, result.scans[3]?.symbols);
    // The same file as one made without them.
    const written = JSON.parse(readFileSync(scanCacheShardPath(root, 0), 'utf8')) as { entries: object; shards: number };
    await writeScanCache(root, { version: SCANNER_VERSION, entries: own }, result.shards);
    const plain = JSON.parse(readFileSync(scanCacheShardPath(root, 0), 'utf8')) as { entries: object; shards: number };
    assert.equal(written.entries, plain.entries);
    assert.is(written.shards, 1);
    await writeScanCache(root, read);
    assert.not.ok(existsSync(scanCacheShardPath(root, 1)));
    assert.is(Object.keys((await readScanCache(root)).entries).length, 12);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
