import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeVersionKey } from '../../../../src/quality/warm-worker/version-key.js';
import { createTempRepo } from '../../../helpers/temp-repo.js';

test('the same files give the same key; an unrelated file changes nothing', async () => {
  const repo = createTempRepo({ files: { 'package.json': '{"name":"x"}\n', 'src/a.ts': 'export const a = 1;\n' } });
  try {
    const first = await computeVersionKey(repo.root);
    assert.match(first, /^[0-9a-f]{32}$/);
    assert.is(await computeVersionKey(repo.root), first);
    repo.write({ 'src/a.ts': 'export const a = 2;\n', 'README.md': '# x\n' });
    assert.is(await computeVersionKey(repo.root), first);
  } finally {
    repo.cleanup();
  }
});

test('every kind of config file changes the key', async () => {
  const repo = createTempRepo({ files: { 'package.json': '{"name":"x"}\n' } });
  try {
    const seen = new Set([await computeVersionKey(repo.root)]);
    for (const [name, text] of [
      ['eslint.config.js', 'export default [];\n'],
      ['.prettierrc.json', '{"semi":false}\n'],
      ['tsconfig.json', '{}\n'],
      ['.br-guardrc.yaml', 'quality:\n  holdTheLine: false\n'],
      ['quality-standards.yaml', 'gates: {}\n'],
      ['.buildrunner/quality-standards.yaml', 'gates: {}\n'],
      ['package.json', '{"name":"y"}\n'],
      ['pyproject.toml', '[tool.ruff]\n'],
      ['.editorconfig', 'root = true\n'],
    ] as const) {
      repo.write({ [name]: text });
      const key = await computeVersionKey(repo.root);
      assert.not.ok(seen.has(key), `${name} changed nothing`);
      seen.add(key);
    }
  } finally {
    repo.cleanup();
  }
});

test('a lockfile counts by its stat: a touch with the same bytes is a change', async () => {
  const repo = createTempRepo({ files: { 'package-lock.json': '{"lockfileVersion":3}\n' } });
  try {
    const before = await computeVersionKey(repo.root);
    const lock = join(repo.root, 'package-lock.json');
    writeFileSync(lock, '{"lockfileVersion":3}\n');
    utimesSync(lock, new Date(2001, 1, 1), new Date(2001, 1, 1));
    assert.is.not(await computeVersionKey(repo.root), before);
  } finally {
    repo.cleanup();
  }
});

test.run();
