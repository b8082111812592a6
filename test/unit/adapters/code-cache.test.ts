import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { codeCacheDir, requireWithCodeCache } from '../../../src/adapters/code-cache.js';

function project(source: string): { root: string; from: string; file: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'br-guard-code-cache-')));
  const dir = join(root, 'node_modules', 'big-lib');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'big-lib', main: 'index.js' }));
  writeFileSync(join(dir, 'index.js'), source);
  writeFileSync(join(root, 'package.json'), '{}');
  return { root, from: join(root, 'package.json'), file: join(dir, 'index.js') };
}

const library = [
  "const { join } = require('node:path');",
  'exports.answer = 42;',
  "exports.joined = join('a', 'b');",
  'exports.self = () => module.exports;',
].join('\n');

test('a CommonJS file is compiled through a V8 code cache kept in node_modules/.cache, and shared with require', async () => {
  const { root, from, file } = project(library);
  const require = createRequire(from);
  try {
    const first = requireWithCodeCache(from, 'big-lib');
    assert.is(first.cache, 'written');
    const lib = first.exports as { answer: number; joined: string; self: () => unknown };
    assert.equal([lib.answer, lib.joined, lib.self() === lib], [42, 'a/b', true]);
    const id = 'big-lib'; // a package of this temporary folder, not one br-guard declares
    assert.is(require(id), lib, "require() gets the same instance (ESLint's parser takes TypeScript this way)");
    assert.is(requireWithCodeCache(from, 'big-lib').cache, 'plain', 'already loaded: nothing compiled');
    const cacheDir = join(root, 'node_modules', '.cache', 'br-guard', 'v8');
    assert.is(codeCacheDir(file), cacheDir);
    assert.is(readdirSync(cacheDir).filter((name) => name.endsWith('.v8')).length, 1);

    delete require.cache[file];
    const second = requireWithCodeCache(from, 'big-lib');
    assert.is(second.cache, 'used', 'a fresh load compiles from the cache');
    assert.is((second.exports as { answer: number }).answer, 42);

    // A changed file gets a new key: the stale cache is never applied to it.
    delete require.cache[file];
    writeFileSync(file, `${library}\nexports.answer = 43;\n`);
    const changed = requireWithCodeCache(from, 'big-lib');
    assert.is(changed.cache, 'written');
    assert.is((changed.exports as { answer: number }).answer, 43);
  } finally {
    delete require.cache[file];
    rmSync(root, { recursive: true, force: true });
  }
});

test('a module that throws while loading falls back to plain require (and its error); an unresolvable id throws', () => {
  const { root, from, file } = project("throw new Error('broken library');\n");
  try {
    assert.throws(() => requireWithCodeCache(from, 'big-lib'), /broken library/);
    assert.not.ok(createRequire(from).cache[file], 'no half-loaded module is left behind');
    assert.throws(() => requireWithCodeCache(from, 'no-such-lib'), /Cannot find module/);
    assert.ok(codeCacheDir('/opt/tool/lib.js').startsWith(tmpdir()), 'outside node_modules: the temporary folder');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
