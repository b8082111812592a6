import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { commitChanges } from '../../../src/adapters/commit-changes.js';
import { Git } from '../../../src/adapters/git.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

test('one git log: each commit against its first parent, the root commit against nothing', async () => {
  const repo = createTempRepo();
  try {
    const root = repo.commit('root', { 'a.txt': 'a\n' });
    repo.git('mv', 'a.txt', 'b.txt');
    const renamed = repo.commit('rename', { 'c.txt': 'c\n' });
    repo.git('checkout', '-q', '-b', 'side', root);
    const side = repo.commit('side', { 'side.txt': 's\n' });
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-edit', 'side');
    const merge = repo.git('rev-parse', 'HEAD').trim();
    const changes = await commitChanges(await Git.open(repo.root), [root, renamed, side, merge]);
    assert.equal(changes.get(root), [{ status: 'A', path: 'a.txt' }]);
    assert.equal(changes.get(renamed), [
      { status: 'R', path: 'b.txt', from: 'a.txt' },
      { status: 'A', path: 'c.txt' },
    ]);
    assert.equal(changes.get(merge), [{ status: 'A', path: 'side.txt' }], 'what the merge brings to its first parent');
    assert.equal((await commitChanges(await Git.open(repo.root), [])).size, 0);
  } finally {
    repo.cleanup();
  }
});

test.run();
