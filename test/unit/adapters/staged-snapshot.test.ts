import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EMPTY_TREE, GitError } from '../../../src/adapters/git.js';
import { StagedSnapshot } from '../../../src/adapters/staged-snapshot.js';
import { fakeGit } from '../../helpers/fake-git.js';

const A = '422c2b7ab3b3c668038da977e4e93a5fc623169c';
const N = '8ba3a16384aacc37d01564b28401755ce8053f51';
const CONF = '9e26dfeeb6e641a33dae4961196235bdb965b21b';
const STAGED = 'diff-index --cached -z --raw --no-abbrev -M --no-ext-diff';
// Captured: a modification and an added file; the index also holds an unchanged config file.
const RAW = `:100644 100644 78981922613b2afb6025042ff6bd878ac1994e85 ${A} M\u0000a.ts\u0000:000000 100644 ${'0'.repeat(40)} ${N} A\u0000n.ts\u0000`;

test('a snapshot answers every stage from one raw diff; blobs are read once, whoever asks', async () => {
  const { git, calls } = fakeGit({
    [`${STAGED} HEAD --`]: RAW,
    [`cat-file --batch-check < ${A}\n${N}\n`]: `${A} blob 4\n${N} blob 2\n`,
    [`cat-file --batch < ${A}\n${N}\n`]: `${A} blob 4\na=2\n\n${N} blob 2\nn\n\n`,
    'ls-files -z --stage': `100644 ${A} 0\ta.ts\u0000100644 ${CONF} 0\tconf.json\u0000100644 ${N} 0\tn.ts\u0000`,
    [`cat-file --batch-check < ${CONF}\n`]: `${CONF} blob 3\n`,
    [`cat-file --batch < ${CONF}\n`]: `${CONF} blob 3\n{}\n\n`,
  });
  const snapshot = await StagedSnapshot.take(git);
  assert.equal(
    snapshot.changedFiles().map((file) => file.path),
    ['a.ts', 'n.ts'],
  );
  const first = await snapshot.textBlobs([A, N], 100);
  const again = await snapshot.textBlobs([N], 100);
  assert.is(first.blobs.get(A)?.toString(), 'a=2\n');
  assert.is(again.blobs.get(N)?.toString(), 'n\n');
  assert.is(await snapshot.readText('a.ts', 100), 'a=2\n');
  assert.is(await snapshot.readText('conf.json', 100), '{}\n');
  assert.is(await snapshot.readText('conf.json', 100), '{}\n');
  assert.equal(calls, [
    `${STAGED} HEAD --`,
    `cat-file --batch-check < ${A}\n${N}\n`,
    `cat-file --batch < ${A}\n${N}\n`,
    'ls-files -z --stage',
    `cat-file --batch-check < ${CONF}\n`,
    `cat-file --batch < ${CONF}\n`,
  ]);
});

test('no commit yet: the snapshot compares with the empty tree; a git failure is a GitError with its command as cause', async () => {
  const { git } = fakeGit({
    [`${STAGED} HEAD --`]: { code: 128, stderr: "fatal: bad revision 'HEAD'" },
    'rev-parse --verify --quiet HEAD^{commit}': { code: 1 },
    [`${STAGED} ${EMPTY_TREE} --`]: `:000000 100644 ${'0'.repeat(40)} ${N} A\u0000n.ts\u0000`,
  });
  const snapshot = await StagedSnapshot.take(git);
  assert.is(snapshot.base, EMPTY_TREE);
  assert.equal(
    snapshot.changes().map((change) => `${change.status} ${change.path}`),
    ['A n.ts'],
  );
  const { git: broken } = fakeGit({
    [`${STAGED} HEAD --`]: { code: 128, stderr: 'fatal: index file corrupt\n' },
    'rev-parse --verify --quiet HEAD^{commit}': 'abc\n',
    [`${STAGED} abc --`]: { code: 128, stderr: 'fatal: index file corrupt\n' },
  });
  try {
    await StagedSnapshot.take(broken);
    assert.unreachable('a corrupt index is reported');
  } catch (error) {
    assert.instance(error, GitError);
    assert.is((error as GitError).message, 'git diff-index failed: fatal: index file corrupt');
    assert.equal((error as GitError).cause?.code, 128);
    assert.equal((error as GitError).cause?.args.slice(0, 2), ['diff-index', '--cached']);
  }
});

test.run();
