import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { copyIndexKeepingTime, readIndexWithTime } from '../../../src/adapters/index-timestamp.js';
import { lockIndex } from '../../../src/build/restore-index.js';
import { replaceIndexUnderLock } from '../../../src/hooks/index-lock.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';

/**
 * The state git's racy-entry check exists for, made deterministic: the index entry of f.txt and
 * the index file share one second (T0), then f.txt is rewritten in place (same inode, same size)
 * and stamped T0 again. ctime is left out of git's stat check (core.trustctime=false), as the
 * test cannot set it; on a real machine the same happens when everything falls in one second.
 * Only the index file's own mtime still tells git to re-read f.txt.
 */
function racyRepo(): { repo: TempRepo; index: string; t0: number } {
  const repo = createTempRepo({ commit: true, files: { 'f.txt': 'unicode\n' } });
  repo.git('config', 'core.trustctime', 'false');
  const t0 = Math.floor(Date.now() / 1000) - 100;
  const file = join(repo.root, 'f.txt');
  const index = join(repo.root, '.git', 'index');
  utimesSync(file, t0, t0);
  repo.git('update-index', '-q', '--really-refresh');
  utimesSync(index, t0, t0);
  writeFileSync(file, 'changed\n');
  utimesSync(file, t0, t0);
  return { repo, index, t0 };
}

const status = (repo: TempRepo) => repo.git('status', '--porcelain');

test('the racy state is real: git itself sees the change only through the index file time', () => {
  const { repo, index } = racyRepo();
  try {
    assert.is(status(repo), ' M f.txt\n');
    // The same bytes with a fresh mtime: git trusts the stat data and calls the file clean.
    const { repo: again, index: againIndex } = racyRepo();
    try {
      utimesSync(againIndex, new Date(), new Date());
      assert.is(status(again), '', 'without the index time, git misses the change (this is the hazard)');
    } finally {
      again.cleanup();
    }
    assert.ok(statSync(index).mtimeMs > 0);
  } finally {
    repo.cleanup();
  }
});

test('a rollback that keeps stat data (read-tree --reset) keeps the change visible', async () => {
  const { repo } = racyRepo();
  try {
    const git = await Git.open(repo.root);
    const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
    const lock = await lockIndex(git);
    await lock.replace(tree);
    assert.is(status(repo), ' M f.txt\n');
  } finally {
    repo.cleanup();
  }
});

test('index bytes written back under the lock with their time keep the change visible; copies keep the time', async () => {
  const { repo, index, t0 } = racyRepo();
  try {
    const saved = await readIndexWithTime(index);
    assert.is(Math.floor(saved.mtime.getTime() / 1000), t0);
    const copy = join(repo.root, '.git', 'copy.index');
    assert.ok(await copyIndexKeepingTime(index, copy));
    assert.is(Math.floor(statSync(copy).mtimeMs / 1000), t0);
    assert.not.ok(await copyIndexKeepingTime(join(repo.root, '.git', 'none'), copy), 'no index: nothing to copy');
    await replaceIndexUnderLock(index, saved.bytes, saved.mtime);
    assert.is(Math.floor(statSync(index).mtimeMs / 1000), t0);
    assert.is(status(repo), ' M f.txt\n');
  } finally {
    repo.cleanup();
  }
});

test.run();
