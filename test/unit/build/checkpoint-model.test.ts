import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkpointNameProblem } from '../../../src/domain/checkpoint.js';
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
