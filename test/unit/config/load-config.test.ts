import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../../src/config/load-config.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import { describeLoadedConfig } from '../../../src/config/describe-config.js';
import { InputError } from '../../../src/domain/errors.js';

async function inDir(files: Record<string, string | Buffer>, body: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-config-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    await body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function errorLine(files: Record<string, string | Buffer>): Promise<string> {
  let line = '';
  await inDir(files, async (root) => {
    try {
      await loadConfig(root);
    } catch (error) {
      assert.instance(error, InputError);
      line = (error as InputError).toLine();
    }
  });
  return line;
}

test('no config files: defaults, and every part says it is a default', async () => {
  await inDir({}, async (root) => {
    const loaded = await loadConfig(root);
    assert.equal(loaded.config, defaultConfig());
    assert.equal(loaded.standards, defaultQualityStandards());
    assert.is(loaded.configFile, null);
    assert.is(loaded.standardsFile, null);
    assert.is(describeLoadedConfig(root, loaded).sources.config.build, null);
  });
});

test('.br-guardrc.yaml is validated and merged over the defaults', async () => {
  await inDir({ '.br-guardrc.yaml': 'spec: docs/SPEC.md\nbuild:\n  concurrency: 3\n' }, async (root) => {
    const loaded = await loadConfig(root);
    assert.is(loaded.config.spec, 'docs/SPEC.md');
    assert.is(loaded.config.build.concurrency, 3);
    assert.is(loaded.config.build.checkpoints.keepAutomatic, 20);
    assert.is(loaded.configFile, join(root, '.br-guardrc.yaml'));
    const described = describeLoadedConfig(root, loaded);
    assert.is(described.configFile, '.br-guardrc.yaml');
    assert.is(described.sources.config.build, '.br-guardrc.yaml');
    assert.is(described.sources.config.gaps, null);
  });
});

test('package.json#br-guard and JS configs are found', async () => {
  await inDir({ 'package.json': JSON.stringify({ name: 'x', 'br-guard': { techStack: { allow: ['left-pad'] } } }) }, async (root) => {
    assert.equal((await loadConfig(root)).config.techStack.allow, ['left-pad']);
  });
  await inDir(
    { 'package.json': '{"name": "x"}', 'br-guard.config.mjs': 'export default { gaps: { ignoreEndpoints: ["GET /x"] } };\n' },
    async (root) => {
      const loaded = await loadConfig(root);
      assert.equal(loaded.config.gaps.ignoreEndpoints, ['GET /x']);
      assert.is(loaded.configFile, join(root, 'br-guard.config.mjs'));
    },
  );
  await inDir({ '.br-guardrc': '{"quality": {"holdTheLine": false}}' }, async (root) => {
    assert.is((await loadConfig(root)).config.quality.holdTheLine, false);
  });
});

test('wrong types and unknown keys name the key and its line', async () => {
  assert.is(
    await errorLine({ '.br-guardrc.yaml': 'build:\n  concurrency: many\n' }),
    '.br-guardrc.yaml:2: build.concurrency: expected a number, got "many"',
  );
  assert.is(
    await errorLine({ '.br-guardrc.yml': 'gaps:\n  ignore: []\n  bogus: 1\narchitecture:\n  layers: 3\n' }),
    '.br-guardrc.yml:3: gaps.bogus: unknown key "bogus" (known keys: ignoreEndpoints, ignore) (and 1 more problem)',
  );
  assert.is(
    await errorLine({ 'package.json': '{\n  "name": "x",\n  "br-guard": {\n    "spec": 5\n  }\n}\n' }),
    'package.json:4: spec: expected a string, got 5',
  );
  assert.is(await errorLine({ '.br-guardrc.json': '[1, 2]' }), '.br-guardrc.json:1: config: expected a mapping of keys, got a list');
  assert.is(
    await errorLine({ 'br-guard.config.cjs': 'module.exports = { hooks: { prePush: { quality: "yes" } } };\n' }),
    'br-guard.config.cjs: hooks.prePush.quality: expected true or false, got "yes"',
  );
});

test('broken YAML, binary and invalid UTF-8 configs are one-line input errors', async () => {
  assert.match(await errorLine({ '.br-guardrc.yaml': 'build:\n  concurrency: [1\n' }), /^\.br-guardrc\.yaml:\d+: invalid YAML\/JSON: /);
  assert.is(
    await errorLine({ '.br-guardrc.yaml': Buffer.from([0x61, 0x3a, 0x20, 0x00]) }),
    '.br-guardrc.yaml:1: binary file (contains NUL bytes)',
  );
  assert.is(await errorLine({ '.br-guardrc.yaml': Buffer.from('spec: a\nx: \xff\n', 'latin1') }), '.br-guardrc.yaml:2: invalid UTF-8');
  assert.match(await errorLine({ 'br-guard.config.mjs': 'export default {;\n' }), /^br-guard\.config\.mjs: cannot load config: /);
});

test('quality-standards.yaml: root first, then .buildrunner/, validated with lines', async () => {
  await inDir({ '.buildrunner/quality-standards.yaml': 'gates:\n  minScore: 90\n' }, async (root) => {
    const loaded = await loadConfig(root);
    assert.is(loaded.standards.gates.minScore, 90);
    assert.is(loaded.standards.gates.maxFileLength, 500);
    assert.is(loaded.standardsFile, join(root, '.buildrunner/quality-standards.yaml'));
    assert.is(describeLoadedConfig(root, loaded).sources.standards.gates, '.buildrunner/quality-standards.yaml');
  });
  await inDir(
    { 'quality-standards.yaml': 'dimensions:\n  security:\n    minScore: 95\n', '.buildrunner/quality-standards.yaml': 'gates: 1\n' },
    async (root) => {
      const loaded = await loadConfig(root);
      assert.equal(loaded.standards.dimensions.security, { minScore: 95, weight: 3 });
      assert.equal(loaded.standards.dimensions.format, { minScore: 70, weight: 1 });
    },
  );
  await inDir({ 'quality-standards.yaml': '' }, async (root) => {
    assert.equal((await loadConfig(root)).standards, defaultQualityStandards());
  });
  assert.is(
    await errorLine({ 'quality-standards.yaml': 'gates:\n  minScore: 80\n  maxFunctionLenght: 50\n' }),
    'quality-standards.yaml:3: gates.maxFunctionLenght: unknown key "maxFunctionLenght" (did you mean "maxFunctionLength"?)',
  );
  assert.is(
    await errorLine({ 'quality-standards.yaml': 'overrides:\n  - files: ["test/**"]\n    gates:\n      maxFileLength: long\n' }),
    'quality-standards.yaml:4: overrides[0].gates.maxFileLength: expected a number, got "long"',
  );
});

test.run();
