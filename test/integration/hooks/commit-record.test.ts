import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { Git } from '../../../src/adapters/git.js';
import { formatRecord, parseRecords, readCoverage, RECORD_REF, writeCommitRecord } from '../../../src/hooks/commit-record.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

test('a record on the staged tree covers the commit made from it, and only on the same base', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  try {
    const git = await Git.open(repo.root);
    repo.write({ 'b.txt': 'b\n' });
    repo.git('add', 'b.txt');
    assert.ok(await writeCommitRecord(git, ['secrets', 'drift', 'quality']));
    // No temporary index is left in the git dir.
    assert.equal(
      readdirSync(git.gitDir).filter((name) => name.startsWith('br-guard-record')),
      [],
    );
    const checked = repo.commit('b');
    // A commit nobody checked (no record for its tree).
    const unchecked = repo.commit('c', { 'c.txt': 'c\n' });
    const empty = repo.commit('nothing');
    const { coverage, problem } = await readCoverage(git, [checked, unchecked, empty]);
    assert.is(problem, null);
    assert.equal(
      coverage.map((c) => [c.subject, c.recorded, c.empty]),
      [
        ['b', ['secrets', 'drift', 'quality'], false],
        ['c', [], false],
        ['nothing', [], true],
      ],
    );
    // The same tree on the same parent again (a commit redone as it was) is still covered.
    repo.git('reset', '-q', '--soft', 'HEAD~3');
    repo.git('rm', '-q', '--cached', 'c.txt');
    repo.git('commit', '-q', '--no-verify', '-m', 'b again');
    const again = repo.git('rev-parse', 'HEAD').trim();
    assert.equal((await readCoverage(git, [again])).coverage[0]!.recorded, ['secrets', 'drift', 'quality']);
    // An unchecked commit, then a checked one on top, squashed onto the unchecked one's parent
    // (reset --soft + commit --no-verify): the checked tree now holds an unchecked change.
    const before = repo.git('rev-parse', 'HEAD').trim();
    repo.commit('unchecked', { 'token.txt': 't\n' });
    repo.write({ 'd.txt': 'd\n' });
    repo.git('add', 'd.txt');
    assert.ok(await writeCommitRecord(git, ['secrets', 'drift', 'quality']));
    const top = repo.commit('checked on top');
    assert.equal((await readCoverage(git, [top])).coverage[0]!.recorded, ['secrets', 'drift', 'quality']);
    repo.git('reset', '-q', '--soft', before);
    repo.git('commit', '-q', '--no-verify', '-m', 'squashed');
    const squashed = repo.git('rev-parse', 'HEAD').trim();
    assert.is(repo.git('rev-parse', 'HEAD^{tree}').trim(), repo.git('rev-parse', `${top}^{tree}`).trim());
    assert.equal((await readCoverage(git, [squashed])).coverage[0]!.recorded, []);
  } finally {
    repo.cleanup();
  }
});

test('skipped stages are left out; a rewrite of the same tree keeps one record per base', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  try {
    const git = await Git.open(repo.root);
    repo.write({ 'b.txt': 'b\n' });
    repo.git('add', 'b.txt');
    assert.ok(await writeCommitRecord(git, ['secrets']));
    assert.ok(await writeCommitRecord(git, ['secrets', 'drift']));
    const tree = repo.git('write-tree').trim();
    const note = repo.git('notes', `--ref=${RECORD_REF}`, 'show', tree);
    assert.is(parseRecords(note).length, 1);
    assert.equal(parseRecords(note)[0]!.stages, ['secrets', 'drift']);
    const commit = repo.commit('b');
    assert.equal((await readCoverage(git, [commit])).coverage[0]!.recorded, ['secrets', 'drift']);
  } finally {
    repo.cleanup();
  }
});

test('a corrupt or foreign refs/notes/br-guard means no record, never a crash', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  try {
    const git = await Git.open(repo.root);
    repo.write({ 'b.txt': 'b\n' });
    repo.git('add', 'b.txt');
    // The notes ref pointing at a blob: git notes cannot read it.
    const blob = repo.git('hash-object', '-w', 'a.txt').trim();
    repo.git('update-ref', RECORD_REF, blob);
    assert.is(await writeCommitRecord(git, ['secrets']), false);
    const commit = repo.commit('b');
    const corrupt = await readCoverage(git, [commit]);
    assert.equal(corrupt.coverage[0]!.recorded, []);
    assert.match(corrupt.problem!, /refs\/notes\/br-guard cannot be read.*checked again/);
    // A note that holds garbage (or a hand edit) is no record either.
    repo.git('update-ref', '-d', RECORD_REF);
    const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
    repo.git('notes', `--ref=${RECORD_REF}`, 'add', '-m', 'br-guard-record v1 base=nothex version=1 stages=secrets\nhello', tree);
    const garbage = await readCoverage(git, [commit]);
    assert.equal([garbage.coverage[0]!.recorded, garbage.problem], [[], null]);
    // A commit id that does not exist: reported as uncovered, not thrown.
    const missing = await readCoverage(git, ['f'.repeat(40)]);
    assert.equal(missing.coverage[0]!.recorded, []);
  } finally {
    repo.cleanup();
  }
});

test('record lines round-trip; unknown stages are dropped', () => {
  const base = 'a'.repeat(40);
  const line = formatRecord({ base, version: '0.1.0', stages: ['secrets', 'quality'] });
  assert.equal(parseRecords(`${line}\n`), [{ base, version: '0.1.0', stages: ['secrets', 'quality'] }]);
  assert.equal(parseRecords(`br-guard-record v1 base=${base} version=2 stages=secrets,teleport`)[0]!.stages, ['secrets']);
  assert.equal(parseRecords('br-guard-record v2 base=x'), []);
});

test.run();
