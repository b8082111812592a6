import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONFIG_CACHE_FILE, loadConfigCached } from '../../../src/config/config-cache.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { InputError } from '../../../src/domain/errors.js';

async function inDir(files: Record<string, string>, body: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-config-cache-'));
  try {
    for (const [path, content] of Object.entries(files)) write(root, path, content);
    await body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** loadConfig, counting its calls. */
function countingLoad(): { load: (root: string) => Promise<LoadedConfig>; calls: () => number } {
  let calls = 0;
  return {
    load: async (root) => {
      calls++;
      return loadConfig(root);
    },
    calls: () => calls,
  };
}

const config = 'quality:\n  maxFileBytes: 12345\n';
const standards = 'gates:\n  minScore: 77\n';

test('an unchanged config is answered from the cache, equal to a fresh load', async () => {
  await inDir({ '.br-guardrc.yaml': config, 'quality-standards.yaml': standards }, async (root) => {
    const counted = countingLoad();
    const first = await loadConfigCached(root, counted.load);
    const second = await loadConfigCached(root, counted.load);
    assert.is(counted.calls(), 1, 'the second call did not load');
    assert.equal(second, await loadConfig(root));
    assert.equal(second, first);
    assert.is(second.config.quality.maxFileBytes, 12345);
    assert.is(second.standards.gates.minScore, 77);
  });
});

test('an edited standards file, a config that appears, or one that goes: loaded again', async () => {
  await inDir({ 'quality-standards.yaml': standards }, async (root) => {
    const counted = countingLoad();
    await loadConfigCached(root, counted.load);
    write(root, 'quality-standards.yaml', 'gates:\n  minScore: 55\n');
    assert.is((await loadConfigCached(root, counted.load)).standards.gates.minScore, 55);
    write(root, '.br-guardrc.json', '{ "quality": { "maxFileBytes": 999 } }\n');
    assert.is((await loadConfigCached(root, counted.load)).config.quality.maxFileBytes, 999);
    rmSync(join(root, '.br-guardrc.json'));
    assert.is.not((await loadConfigCached(root, counted.load)).config.quality.maxFileBytes, 999);
    assert.is(counted.calls(), 4);
  });
});

test('a damaged cache file is read again and rewritten whole', async () => {
  await inDir({ '.br-guardrc.yaml': config }, async (root) => {
    const counted = countingLoad();
    await loadConfigCached(root, counted.load);
    for (const damage of ['{"format":1,"key":', 'null', '{"format":1,"key":"x","loaded":{}}']) {
      writeFileSync(join(root, CONFIG_CACHE_FILE), damage);
      assert.is((await loadConfigCached(root, counted.load)).config.quality.maxFileBytes, 12345);
      assert.ok(JSON.parse(readFileSync(join(root, CONFIG_CACHE_FILE), 'utf8')).loaded.config);
    }
    assert.is(counted.calls(), 4);
  });
});

test('a script config is never cached: its bytes do not say what it returns', async () => {
  await inDir({ 'br-guard.config.mjs': 'export default { quality: { maxFileBytes: 4242 } };\n' }, async (root) => {
    const counted = countingLoad();
    assert.is((await loadConfigCached(root, counted.load)).config.quality.maxFileBytes, 4242);
    await loadConfigCached(root, counted.load);
    assert.is(counted.calls(), 2);
    assert.not.ok(existsSync(join(root, CONFIG_CACHE_FILE)));
  });
});

test('a bad config is reported on every load and never cached', async () => {
  await inDir({ '.br-guardrc.yaml': 'quality:\n  maxFileBytes: lots\n' }, async (root) => {
    for (let i = 0; i < 2; i++) {
      try {
        await loadConfigCached(root, loadConfig);
        assert.unreachable('a bad config loads');
      } catch (error) {
        assert.instance(error, InputError);
      }
    }
    assert.not.ok(existsSync(join(root, CONFIG_CACHE_FILE)));
  });
});

test.run();
