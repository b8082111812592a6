import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/adapters/git.js';
import { writeFileAtomic } from '../../../src/adapters/file-system.js';
import { currentProcessIdentity, readProcessStatus } from '../../../src/adapters/process-liveness.js';
import {
  beginBackup,
  endBackup,
  findLeftoverBackup,
  leftoverMessage,
  markerPath,
  UnresolvedBackupError,
} from '../../../src/hooks/backup.js';
import { discardLeftover, restoreBackup } from '../../../src/hooks/restore-backup.js';
import { leftoverNotice } from '../../../src/hooks/leftover-notice.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { rejection } from '../../helpers/fake-hook-systems.js';

/** A process that died and that nothing reaps: its parent became `sleep`, which never waits. */
async function withZombie<T>(use: (pid: number) => Promise<T>): Promise<T> {
  const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 10'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(String(chunk)))));
    for (let i = 0; i < 100 && readProcessStatus(pid)?.state !== 'Z'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.is(readProcessStatus(pid)?.state, 'Z', 'the victim is a zombie');
    return await use(pid);
  } finally {
    parent.kill('SIGKILL');
  }
}

test('a marker left by a zombie, by a reused pid, or unreadable is a leftover; a live hook is not', async () => {
  if (process.platform === 'win32') return;
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    const git = await Git.open(repo.root);
    const marker = await beginBackup(git, 'pre-commit');
    assert.ok(marker.pidStartTime, 'the start time is recorded');
    assert.is(await findLeftoverBackup(git.gitDir), null, 'this live process');

    await withZombie(async (pid) => {
      const zombie = { ...marker, pid, pidStartTime: readProcessStatus(pid)!.startTime };
      writeFileSync(markerPath(git.gitDir), JSON.stringify(zombie));
      assert.is((await findLeftoverBackup(git.gitDir))?.ref, marker.ref, 'a zombie is dead');
    });

    // A stranger holding the pid (here: this very process, which started at another time).
    writeFileSync(markerPath(git.gitDir), JSON.stringify({ ...marker, pidStartTime: `${currentProcessIdentity()!.startTime}7` }));
    assert.is((await findLeftoverBackup(git.gitDir))?.ref, marker.ref, 'a reused pid is not the hook');

    for (const garbage of ['', '{"ref": "refs/buildr', 'not json at all', '{"ref": 1}']) {
      writeFileSync(markerPath(git.gitDir), garbage);
      const leftover = await findLeftoverBackup(git.gitDir);
      assert.ok(leftover?.unreadable, `unreadable marker ${JSON.stringify(garbage)}`);
      assert.match(leftoverMessage(leftover!), /hook-backup\.json/);
      assert.match(leftoverMessage(leftover!), /br-guard hook restore$/m);
      assert.match((await leftoverNotice(repo.root))!, /unreadable/);
    }
    // The newest backup is the guess, and restoring it clears the damaged marker.
    const restored = await restoreBackup(git, marker.ref);
    assert.is(restored.ref, marker.ref);
    assert.not.ok(existsSync(markerPath(git.gitDir)));
  } finally {
    repo.cleanup();
  }
});

test('a new backup never overwrites an unresolved marker, and the stray index copies go with it', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    const git = await Git.open(repo.root);
    const first = await beginBackup(git, 'pre-commit');
    const dead = { ...first, pid: 2 ** 22 + 12345 };
    writeFileSync(markerPath(git.gitDir), JSON.stringify(dead));
    const refused = await rejection(() => beginBackup(git, 'pre-commit', new Date(Date.now() + 1000)));
    assert.ok(refused instanceof UnresolvedBackupError);
    assert.match(refused.message, new RegExp(`br-guard hook restore ${first.ref}`));
    assert.equal(JSON.parse(readFileSync(markerPath(git.gitDir), 'utf8')), dead, 'the marker is untouched');
    // A copy that a hook killed before its marker landed.
    writeFileSync(join(git.gitDir, 'br-guard', 'stray.index'), 'x');
    assert.is(await discardLeftover(git), first.ref);
    const left = readdirSync(join(git.gitDir, 'br-guard')).filter((name) => name.endsWith('.index'));
    assert.equal(left, [], 'index copies are cleaned with their marker');
    assert.ok(await git.readRef(first.ref), 'the ref stays after a discard');
    const next = await beginBackup(git, 'pre-commit', new Date(Date.now() + 2000));
    await endBackup(git, next);
    assert.not.ok(existsSync(markerPath(git.gitDir)));
  } finally {
    repo.cleanup();
  }
});

test('atomic writes into a work tree keep their temp file under the git dir; stale ones are cleaned', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'one\n' } });
  try {
    const git = await Git.open(repo.root);
    mkdirSync(join(repo.root, 'src'), { recursive: true });
    await writeFileAtomic(join(repo.root, 'src', 'f.ts'), 'export {};\n');
    assert.equal(readdirSync(join(repo.root, 'src')), ['f.ts'], 'nothing else in the work tree');
    assert.ok(existsSync(join(git.gitDir, 'br-guard', 'tmp')), 'the temp dir is in the git dir');
    // What a killed writer leaves: a temp file with its (dead) pid.
    const stale = join(git.gitDir, 'br-guard', 'tmp', `f.ts.br-guard.${2 ** 22 + 12345}.1.tmp`);
    writeFileSync(stale, 'half');
    const mine = join(git.gitDir, 'br-guard', 'tmp', `f.ts.br-guard.${process.pid}.1.tmp`);
    writeFileSync(mine, 'busy');
    const marker = await beginBackup(git, 'pre-commit');
    assert.not.ok(existsSync(stale), 'a dead writer’s temp file is removed');
    assert.ok(existsSync(mine), 'a live writer’s is kept');
    await endBackup(git, marker);
  } finally {
    repo.cleanup();
  }
});

test.run();
