import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRawDiffZ } from '../../../src/adapters/git-output.js';
import { gitBlobId } from '../../../src/drift/diff/snapshot.js';
import { fileChanges } from '../../../src/drift/diff/change-set.js';
import { ImportCache, importCacheFile } from '../../../src/drift/imports/import-cache.js';
import { sourceLanguage } from '../../../src/drift/imports/source-language.js';
import { isSourceFile } from '../../../src/drift/rules/source-files.js';
import { levelToSeverity, ruleLevel } from '../../../src/drift/rules/rule-severity.js';

test('blob ids match git', () => {
  assert.is(gitBlobId(Buffer.from('hello\n')), 'ce013625030ba8dba906f756967f9e9ca394464a');
});

test('raw diff as drift changes: every status, both blob ids, submodules skipped', () => {
  const z = '0'.repeat(40);
  const out = [
    `:000000 100644 ${z} aaa A`,
    'new.ts',
    ':100644 100644 bbb ccc M',
    'changed.ts',
    `:100644 000000 ddd ${z} D`,
    'gone.ts',
    ':100644 100644 eee fff R090',
    'old.ts',
    'moved.ts',
    ':100644 100644 ggg ggg C100',
    'source.ts',
    'copy.ts',
    ':160000 160000 hhh iii M',
    'vendor/sub',
    '',
  ].join('\0');
  const raw = fileChanges(parseRawDiffZ(out));
  assert.equal(raw.changes, [
    { status: 'added', path: 'new.ts' },
    { status: 'modified', path: 'changed.ts' },
    { status: 'deleted', path: 'gone.ts' },
    { status: 'renamed', path: 'moved.ts', from: 'old.ts' },
    { status: 'added', path: 'copy.ts' },
  ]);
  assert.equal(
    [...raw.before],
    [
      ['changed.ts', 'bbb'],
      ['gone.ts', 'ddd'],
      ['old.ts', 'eee'],
      ['source.ts', 'ggg'],
    ],
  );
});

test('import cache: round trip, damaged file ignored, pruned when it outgrows the tree', async () => {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-cache-'));
  try {
    const cache = await ImportCache.load(root);
    cache.set('b1:js', [{ specifier: './a', line: 1, typeOnly: true }]);
    cache.set('b2:py', [{ specifier: '.', line: 2, typeOnly: false, names: ['x'] }]);
    await cache.save(new Set(['b1:js', 'b2:py']));
    const again = await ImportCache.load(root);
    assert.equal(again.get('b1:js'), [{ specifier: './a', line: 1, typeOnly: true }]);
    assert.equal(again.get('b2:py'), [{ specifier: '.', line: 2, typeOnly: false, names: ['x'] }]);
    assert.is(again.get('zz'), undefined);
    for (let i = 0; i < 1100; i++) again.set(`k${i}`, []);
    await again.save(new Set(['b1:js']));
    assert.is((await ImportCache.load(root)).size, 1);
    writeFileSync(join(root, importCacheFile), '{"version": 9}');
    assert.is((await ImportCache.load(root)).size, 0);
    // A cache that cannot be written does not fail the check.
    rmSync(join(root, '.buildrunner'), { recursive: true });
    writeFileSync(join(root, '.buildrunner'), 'a file where a folder should be');
    const blocked = await ImportCache.load(root);
    blocked.set('x', []);
    await blocked.save(new Set());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('source files by extension; languages; rule levels and severities', () => {
  assert.ok(isSourceFile('src/a.ts'));
  assert.ok(isSourceFile('app/x.py'));
  assert.ok(isSourceFile('web/App.vue'));
  assert.not.ok(isSourceFile('src/types.d.ts'));
  assert.not.ok(isSourceFile('config.yaml'));
  assert.is(sourceLanguage('a.mts'), 'js');
  assert.is(sourceLanguage('a.pyi'), 'py');
  assert.is(sourceLanguage('a.go'), null);
  assert.is(ruleLevel({ a: 'off' }, 'a', 'error'), 'off');
  assert.is(ruleLevel({}, 'a', 'warn'), 'warn');
  assert.is(levelToSeverity('warn'), 'warning');
  assert.is(levelToSeverity('info'), 'info');
});

test.run();
