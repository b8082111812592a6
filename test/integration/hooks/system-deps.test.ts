import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git, GitError } from '../../../src/adapters/git.js';
import { defaultHookSystems } from '../../../src/hooks/system-deps.js';
import { replaceIndexUnderLock } from '../../../src/hooks/index-lock.js';
import { readBlobs } from '../../../src/adapters/git-objects.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { fakeLoaded, rejection } from '../../helpers/fake-hook-systems.js';

const SPEC = `# PROJECT_SPEC: Tiny

## Features

### Feature: Core

**Requirements:**
- Adds numbers

**Files:**
- src/add.ts
`;

test('the real systems, loaded lazily, answer on a tiny repository', async () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'PROJECT_SPEC.md': SPEC, 'src/add.ts': 'export const add = (a: number, b: number) => a + b;\n' },
  });
  try {
    const git = await Git.open(repo.root);
    const loaded = fakeLoaded();
    const systems = defaultHookSystems();
    const spec = await systems.loadSpec(git, loaded);
    assert.is(spec.features[0]?.id, 'core');
    assert.ok((await systems.validateSpec(spec)).valid);
    const drift = await systems.runDriftCheck(git, loaded, spec, { kind: 'all' });
    assert.type(drift.passed, 'boolean');
    const gaps = await systems.runGapAnalysis(git, loaded, spec, {});
    assert.type(gaps.completion, 'number');
    assert.is(await systems.isBuildActive(git.root), false);
    const manifest = await systems.refreshManifest(git, spec);
    assert.ok(manifest.items.length > 0);
    assert.ok(existsSync(join(repo.root, '.buildrunner', 'manifest.json')));
    const checkpoint = await systems.createCheckpoint(git, { auto: true, message: 'test' });
    assert.ok(await git.readRef(`refs/buildrunner/checkpoints/${checkpoint.name}`));
    const secrets = await systems.runQualityCheck(git, loaded, {
      scope: { kind: 'files', files: ['src/add.ts'] },
      fix: false,
      only: ['secrets'],
    });
    assert.ok(secrets.passed);
  } finally {
    repo.cleanup();
  }
});

test('the index is replaced only under index.lock; blobs read in one batch', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  try {
    const git = await Git.open(repo.root);
    const index = join(git.gitDir, 'index');
    writeFileSync(`${index}.lock`, '');
    const locked = await rejection(() => replaceIndexUnderLock(index, Buffer.from('x'), null));
    assert.ok(locked instanceof GitError);
    assert.match(locked.message, /another git process is running/);
    const blob = repo.git('rev-parse', 'HEAD:a.txt').trim();
    const blobs = await readBlobs(git, [blob, blob, 'f'.repeat(40)]);
    assert.equal([...blobs.keys()], [blob]);
    assert.is(blobs.get(blob)!.toString(), 'a\n');
    assert.is((await readBlobs(git, [])).size, 0);
  } finally {
    repo.cleanup();
  }
});

test.run();
