import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildManifest } from '../../../src/spec/build-manifest.js';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { writeManifest } from '../../../src/spec/write-manifest.js';
import { specFixture } from './fixtures.js';

test('the manifest lists requirements, files, then acceptance criteria per feature', () => {
  const text = specFixture('seed.md');
  const manifest = buildManifest(parseSpec(text, 'PROJECT_SPEC.md'), text);
  assert.is(manifest.specHash, createHash('sha256').update(text).digest('hex'));
  assert.is(manifest.items.length, 67);
  const first = manifest.items.filter((i) => i.featureId === 'build-orchestrator-enhancement').map((i) => i.kind);
  assert.equal(first, [...Array(5).fill('requirement'), ...Array(6).fill('file'), ...Array(5).fill('acceptance')]);
  assert.is(new Set(manifest.items.map((i) => i.id)).size, manifest.items.length);
  assert.ok(manifest.items.some((i) => i.kind === 'file' && i.text === 'core/build_orchestrator.py'));
});

test('a repeated feature still gets unique item ids', () => {
  const text = '### Feature: A\n\n**Requirements:**\n- x\n\n### Feature: A\n\n**Requirements:**\n- x\n';
  const manifest = buildManifest(parseSpec(text, 's.md'), text);
  assert.equal(
    manifest.items.map((i) => i.id),
    [manifest.items[0]!.id, `${manifest.items[0]!.id}~2`],
  );
});

test('writeManifest writes .buildrunner/manifest.json atomically', async () => {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-manifest-'));
  try {
    const path = await writeManifest(root, { specHash: 'h', items: [] });
    assert.is(path, join(root, '.buildrunner/manifest.json'));
    assert.equal(JSON.parse(readFileSync(path, 'utf8')), { specHash: 'h', items: [] });
    assert.equal(readdirSync(join(root, '.buildrunner')), ['manifest.json']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
