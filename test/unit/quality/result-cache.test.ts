import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import { brGuardBuildId } from '../../../src/adapters/build-identity.js';
import * as assert from 'uvu/assert';
import type { Finding } from '../../../src/domain/findings.js';
import { ResultCache } from '../../../src/quality/result-cache.js';

const finding: Finding = {
  system: 'quality',
  check: 'eslint',
  rule: 'no-debugger',
  severity: 'error',
  file: 'src/a.ts',
  line: 1,
  column: 1,
  message: 'Unexpected debugger statement.',
  fingerprint: 'fp-1',
  status: 'new',
};

test('a saved cache is reused by the next run with the same key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-cache-'));
  try {
    const first = await ResultCache.open(dir, 'eslint', 'config-a');
    first.set('src/a.ts', 'debugger;\n', [finding], new Set(['fp-1']));
    await first.save();
    const second = await ResultCache.open(dir, 'eslint', 'config-a');
    const hit = second.get('src/a.ts', 'debugger;\n');
    assert.ok(hit, 'the second run must hit the cache the first one wrote');
    assert.equal(
      hit.findings.map((f) => f.rule),
      ['no-debugger'],
    );
    assert.equal(hit.fixable, ['fp-1']);
    assert.is(second.get('src/a.ts', 'changed;\n'), null, 'other content misses');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('another key or another cache format is not reused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-cache-'));
  try {
    const first = await ResultCache.open(dir, 'eslint', 'config-a');
    first.set('src/a.ts', 'x\n', [finding], undefined);
    await first.save();
    const other = await ResultCache.open(dir, 'eslint', 'config-b');
    assert.is(other.get('src/a.ts', 'x\n'), null);
    const saved = JSON.parse(readFileSync(join(dir, 'results-eslint.json'), 'utf8')) as { key: string };
    assert.ok(/^\d+:.+:config-a$/.test(saved.key), `the stored key carries the format: ${saved.key}`);
    assert.ok(saved.key.includes(await brGuardBuildId()), 'and the build: a rebuilt br-guard judges again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
