import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrentEditError, InterruptedError, UndoLog } from '../../../src/hooks/undo-log.js';
import { rejection } from '../../helpers/fake-hook-systems.js';

test('undo puts back bytes and modes, removes files that did not exist, restores a changed index', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-guard-undo-'));
  try {
    const a = join(dir, 'a.sh');
    writeFileSync(a, 'old\n');
    chmodSync(a, 0o755);
    const created = join(dir, 'new.txt');
    const index = join(dir, 'index');
    writeFileSync(index, 'INDEX');
    const undo = new UndoLog();
    await undo.rememberIndex(index);
    await undo.rememberIndex(join(dir, 'other')); // the first one counts
    await undo.writeFile(a, 'new\n');
    await undo.writeFile(created, 'x');
    assert.is(statSync(a).mode & 0o777, 0o755);
    writeFileSync(index, 'CHANGED');
    undo.markIndexChanged();
    assert.equal(await undo.undo(), []);
    assert.is(readFileSync(a, 'utf8'), 'old\n');
    assert.is(statSync(a).mode & 0o777, 0o755);
    assert.not.ok(existsSync(created));
    assert.is(readFileSync(index, 'utf8'), 'INDEX');
    const missingIndex = new UndoLog();
    await missingIndex.rememberIndex(join(dir, 'none'));
    missingIndex.markIndexChanged();
    assert.equal(await missingIndex.undo(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an edit saved by someone else meanwhile is never overwritten', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-guard-undo-'));
  try {
    const a = join(dir, 'a.txt');
    writeFileSync(a, 'original\n');
    const undo = new UndoLog();
    await undo.writeFile(a, 'fixed by the hook\n');
    writeFileSync(a, 'saved by an editor\n');
    const refused = await rejection(() => undo.writeFile(a, 'merged\n'));
    assert.ok(refused instanceof ConcurrentEditError);
    assert.equal((refused as ConcurrentEditError).files, [a]);
    assert.equal(await undo.undo(), [a]);
    assert.is(readFileSync(a, 'utf8'), 'saved by an editor\n');
    // Once the file holds what the hook wrote again, the undo puts the original back.
    writeFileSync(a, 'fixed by the hook\n');
    assert.equal(await undo.undo(), []);
    assert.is(readFileSync(a, 'utf8'), 'original\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stop waits for writes under way, refuses later ones, and its restore is the last word', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-guard-undo-'));
  try {
    const a = join(dir, 'a.txt');
    const index = join(dir, 'index');
    writeFileSync(a, 'user edit\n');
    writeFileSync(index, 'INDEX');
    const undo = new UndoLog();
    await undo.rememberIndex(index);
    await undo.rememberFile(a);
    // A write (and an index write) already under way when the signal arrives: they land first, then the restore.
    const pending = undo.writeFile(a, 'staged only\n');
    let releaseIndex: () => void = () => undefined;
    const indexWrite = undo.track(async () => {
      await new Promise<void>((resolve) => (releaseIndex = resolve));
      writeFileSync(index, 'CHANGED');
    });
    undo.markIndexChanged();
    const stopped = undo.stop();
    assert.ok(undo.isStopped);
    const late = await rejection(() => undo.writeFile(a, 'fixed after the signal\n'));
    assert.ok(late instanceof InterruptedError);
    assert.ok((await rejection(() => undo.track(async () => 'never'))) instanceof InterruptedError);
    releaseIndex();
    await Promise.all([pending, indexWrite]);
    assert.equal(await stopped, []);
    assert.is(readFileSync(a, 'utf8'), 'user edit\n');
    assert.is(readFileSync(index, 'utf8'), 'INDEX');
    // The hook's own error path, running after the stop, neither judges nor rewrites anything.
    writeFileSync(a, 'saved by an editor after the restore\n');
    assert.equal(await undo.undo(), []);
    assert.is(readFileSync(a, 'utf8'), 'saved by an editor after the restore\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
