import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkpointNameProblem } from '../../../src/domain/checkpoint.js';
import { parseBatch } from '../../../src/build/list-checkpoints.js';
import { parseRawDiff } from '../../../src/build/restore-work-tree.js';
import { isRuntimePath } from '../../../src/build/snapshot-trees.js';
import { shellInvocation } from '../../../src/build/run-task-command.js';
import { isProcessAlive } from '../../../src/build/build-state.js';
import { currentProcessIdentity } from '../../../src/adapters/process-liveness.js';

test('checkpoint names: easy to type, valid refs', () => {
  for (const good of ['wip', 'before-refactor', 'v1.2', 'team/alice_1']) assert.is(checkpointNameProblem(good), null, good);
  assert.match(checkpointNameProblem('')!, /empty/);
  assert.match(checkpointNameProblem('x'.repeat(201))!, /longer/);
  assert.match(checkpointNameProblem('../bad')!, /letters/);
  assert.match(checkpointNameProblem('has space')!, /letters/);
  assert.match(checkpointNameProblem('a..b')!, /\.\./);
  assert.match(checkpointNameProblem('a//b')!, /\/\//);
  assert.match(checkpointNameProblem('a/')!, /end/);
  assert.match(checkpointNameProblem('a.lock')!, /\.lock/);
  assert.match(checkpointNameProblem('a/.hidden')!, /start with "\."/);
});

test('cat-file --batch output: blobs, trees as ids, missing objects', () => {
  const out = Buffer.from('aaaa blob 5\nhello\nbbbb tree 3\n\u0000\u0001\u0002\nx:y missing\ncccc blob 0\n\n');
  const [blob, tree, missing, empty] = parseBatch(out, 4, true);
  assert.is(blob!.toString(), 'hello');
  assert.is(tree!.toString(), 'bbbb');
  assert.is(missing, null);
  assert.is(empty!.length, 0);
  assert.is(parseBatch(out, 2)[1]!.length, 3);
});

test('raw diff parsing keeps target modes, blobs and odd names', () => {
  const z = '0'.repeat(40);
  const out = `:100644 100755 ${'a'.repeat(40)} ${'b'.repeat(40)} M\0sp ace.sh\0:100644 000000 ${'c'.repeat(40)} ${z} D\0ünï.txt\0:000000 120000 ${z} ${'d'.repeat(40)} A\0link\0`;
  assert.equal(parseRawDiff(out), [
    { status: 'M', path: 'sp ace.sh', mode: '100755', blob: 'b'.repeat(40) },
    { status: 'D', path: 'ünï.txt', mode: '000000', blob: z },
    { status: 'A', path: 'link', mode: '120000', blob: 'd'.repeat(40) },
  ]);
  assert.equal(parseRawDiff(''), []);
});

test("br-guard's runtime files are never part of a snapshot", () => {
  assert.ok(isRuntimePath('.buildrunner/build-state.json'));
  assert.ok(isRuntimePath('.buildrunner/logs/r/a.log'));
  assert.ok(isRuntimePath('.buildrunner/gate-answers/a.json'));
  assert.ok(isRuntimePath('.buildrunner/cache/build-durations.json'));
  assert.ok(isRuntimePath('.buildrunner/build-state.json.1.2.tmp'));
  assert.not.ok(isRuntimePath('.buildrunner/manifest.json'));
  assert.not.ok(isRuntimePath('src/logs/a.ts'));
});

test('a user-written command line goes to the platform shell', () => {
  assert.equal(shellInvocation('npm run x && echo ok', 'linux'), ['/bin/sh', ['-c', 'npm run x && echo ok']]);
  const [bin, args] = shellInvocation('npm run x', 'win32');
  assert.match(bin, /cmd/i);
  assert.equal(args, ['/d', '/s', '/c', 'npm run x']);
});

test('build owner liveness: a reused pid (another start time) or no pid is not the build', () => {
  const me = currentProcessIdentity();
  assert.not.ok(isProcessAlive(null));
  if (!me) return; // no /proc or ps here: nothing more can be told
  assert.ok(isProcessAlive(me.pid, me.startTime));
  assert.ok(isProcessAlive(me.pid), 'a state file of an older version records no start time');
  assert.not.ok(isProcessAlive(me.pid, `${me.startTime}0`), 'same pid, other start: a stranger');
});

test.run();
