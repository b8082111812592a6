import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/adapters/git.js';
import { formatBytes, looksBinary, readObjectSizes, readTextBlobs } from '../../../src/adapters/git-objects.js';
import { textEntries } from '../../../src/hooks/staged-entries.js';
import { StagedSnapshot } from '../../../src/adapters/staged-snapshot.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

test('binary means a NUL in the first 8 KB', () => {
  assert.ok(looksBinary(PNG));
  assert.not.ok(looksBinary(Buffer.from('text\n')));
  assert.not.ok(looksBinary(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])])));
  assert.is(formatBytes(3 * 1024 * 1024), '3 MB');
  assert.is(formatBytes(1536), '1.5 KB');
  assert.is(formatBytes(10), '10 B');
});

test('staged big and binary files are skipped by the text checks with a note; the big one is never read', async () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# x\n' } });
  try {
    const big = `${'const a = 1;\n'.repeat(300_000)}`; // ~3.9 MB, over the 2 MB default
    repo.write({ 'big.ts': big, 'small.ts': 'export const b = 2;\n' });
    writeFileSync(join(repo.root, 'logo.png'), PNG);
    repo.git('add', '.');
    const git = await Git.open(repo.root);
    const snapshot = await StagedSnapshot.take(git);
    const staged = snapshot.changedFiles();
    const { text, notes } = await textEntries(snapshot, defaultConfig().quality.maxFileBytes);
    assert.equal(
      text.map((entry) => entry.path),
      ['small.ts'],
    );
    assert.equal(notes.sort(), [
      'br-guard: big.ts: skipped by the text checks (3.7 MB, over the 2 MB limit (quality.maxFileBytes))',
      'br-guard: logo.png: skipped by the text checks (binary)',
    ]);
    const bigBlob = staged.find((entry) => entry.path === 'big.ts')!.blob;
    const { blobs } = await readTextBlobs(git, [bigBlob], 1024);
    assert.is(blobs.size, 0, 'over the limit: not loaded');
    assert.is((await readObjectSizes(git, [bigBlob])).get(bigBlob), Buffer.byteLength(big));

    // `quality check --staged` names the same files (secrets, the hook's first stage, runs this way).
    const loaded = { config: defaultConfig(), configFile: null, standards: defaultQualityStandards(), standardsFile: null };
    const result = await runQualityCheck({ git, loaded }, { scope: { kind: 'staged' }, fix: false, only: ['secrets'] });
    assert.equal(result.fixNotes.sort(), [
      'big.ts: not checked (3.7 MB, over the 2 MB limit (quality.maxFileBytes))',
      'logo.png: not checked (binary)',
    ]);
    // A raised limit checks it.
    loaded.config.quality.maxFileBytes = 8 * 1024 * 1024;
    const raised = await runQualityCheck({ git, loaded }, { scope: { kind: 'staged' }, fix: false, only: ['secrets'] });
    assert.equal(raised.fixNotes, ['logo.png: not checked (binary)']);
  } finally {
    repo.cleanup();
  }
});

test.run();
