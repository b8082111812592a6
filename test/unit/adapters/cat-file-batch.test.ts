import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CatFileBatch } from '../../../src/adapters/cat-file-batch.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

function hashObject(root: string, content: string | Buffer): string {
  return execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: root, input: content }).toString().trim();
}

test('one process answers requests in order, contents byte-exact, missing ids as null', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    const binary = Buffer.from([0, 10, 255, 10, 10, 1]);
    const ids = [hashObject(repo.root, 'one\n'), hashObject(repo.root, binary), hashObject(repo.root, '')];
    const missing = '0123456789abcdef0123456789abcdef01234567';
    const reader = new CatFileBatch(repo.root, '--batch');
    // Two requests written before either is answered: each gets its own answers.
    const [first, second] = await Promise.all([reader.read([ids[0]!, missing]), reader.read([ids[1]!, ids[2]!])]);
    assert.is(first[0]?.content?.toString(), 'one\n');
    assert.is(first[1], null);
    assert.ok(second[0]?.content?.equals(binary));
    assert.is(second[1]?.size, 0);
    assert.is(second[1]?.content?.length, 0);
    // Content that arrives in many pipe chunks.
    const big = 'b'.repeat(300_000);
    assert.is((await reader.read([hashObject(repo.root, big), ids[0]!]))[0]?.content?.toString(), big);
    // A request after the idle close starts a new process.
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.is((await reader.read([ids[0]!]))[0]?.type, 'blob');
  } finally {
    repo.cleanup();
  }
});

test('--batch-check gives types and sizes without content', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    const id = hashObject(repo.root, 'a'.repeat(100_000));
    const [answer] = await new CatFileBatch(repo.root, '--batch-check').read([id]);
    assert.equal(answer, { type: 'blob', size: 100_000 });
  } finally {
    repo.cleanup();
  }
});

test('a reader whose git cannot start rejects (callers fall back to a one-shot cat-file)', async () => {
  const reader = new CatFileBatch('/nonexistent-dir-for-br-guard', '--batch');
  let failed = false;
  await reader.read(['0123456789abcdef0123456789abcdef01234567']).catch(() => (failed = true));
  assert.ok(failed);
});

test.run();
