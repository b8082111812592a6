import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_TREE, Git } from '../../../src/adapters/git.js';
import { InterruptGuard } from '../../../src/hooks/interrupt-guard.js';
import { remoteDefaultBranch, resolvePushRanges } from '../../../src/hooks/push-ranges.js';
import { parsePrePushInput } from '../../../src/hooks/pre-push-input.js';
import { runPrePush } from '../../../src/hooks/run-pre-push.js';
import { writeCommitRecord } from '../../../src/hooks/commit-record.js';
import { runRangeCheck } from '../../../src/hooks/run-range-check.js';
import { readSkipSettings } from '../../../src/hooks/skip-settings.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { fakeLoaded, fakeSystems } from '../../helpers/fake-hook-systems.js';

const Z = '0'.repeat(40);

function withRemote() {
  const repo = createTempRepo({ commit: true, files: { 'PROJECT_SPEC.md': '# S\n', 'a.txt': 'a\n' } });
  const bare = mkdtempSync(join(tmpdir(), 'br-guard-remote-'));
  execFileSync('git', ['init', '-q', '--bare', bare]);
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', '--no-verify', 'origin', 'main');
  repo.git('remote', 'set-head', 'origin', 'main');
  return {
    repo,
    cleanup: () => {
      repo.cleanup();
      rmSync(bare, { recursive: true, force: true });
    },
  };
}

test('ranges: update from the remote sha, new branch from the merge base, deletion and tags skipped', async () => {
  const { repo, cleanup } = withRemote();
  try {
    const base = repo.git('rev-parse', 'HEAD').trim();
    const main2 = repo.commit('two', { 'b.txt': 'b\n' });
    repo.git('checkout', '-q', '-b', 'topic', base);
    const topic = repo.commit('topic', { 'c.txt': 'c\n' });
    const git = await Git.open(repo.root);
    assert.is(await remoteDefaultBranch(git, 'origin'), base);
    const updates = parsePrePushInput(
      [
        `refs/heads/main ${main2} refs/heads/main ${base}`,
        `refs/heads/topic ${topic} refs/heads/topic ${Z}`,
        `(delete) ${Z} refs/heads/gone ${base}`,
        `refs/tags/v1 ${topic} refs/tags/v1 ${Z}`,
        `refs/heads/main ${base} refs/heads/same ${base}`,
      ].join('\n'),
    );
    const { ranges, skipped } = await resolvePushRanges(git, 'origin', updates);
    assert.equal(ranges, [
      { remoteRef: 'refs/heads/main', from: base, to: main2, basis: 'remote' },
      { remoteRef: 'refs/heads/topic', from: base, to: topic, basis: 'merge-base' },
    ]);
    assert.equal(
      skipped.map((s) => s.reason),
      ['deletion', 'tag', 'already up to date'],
    );
    const unknownRemote = await resolvePushRanges(git, 'elsewhere', [updates[1]!]);
    assert.equal(unknownRemote.ranges[0], { remoteRef: 'refs/heads/topic', from: EMPTY_TREE, to: topic, basis: 'root' });
  } finally {
    cleanup();
  }
});

test('pre-push blocks a range with drift, runs gaps minimum and quality when configured', async () => {
  const { repo, cleanup } = withRemote();
  try {
    const base = repo.git('rev-parse', 'HEAD').trim();
    const head = repo.commit('bad', { 'forbidden/x.txt': 'x\n', 'ok.txt': 'BAD\n' });
    const log = { calls: [] as string[] };
    const deps = {
      git: await Git.open(repo.root),
      loadConfig: async () => fakeLoaded({ minCompletion: 80, quality: true }),
      systems: fakeSystems(log),
      skips: readSkipSettings({}),
      guard: new InterruptGuard(
        () => undefined,
        () => undefined,
      ),
      now: () => new Date(),
    };
    const result = await runPrePush(deps, 'origin', `refs/heads/main ${head} refs/heads/main ${base}\n`);
    assert.is(result.exitCode, 1);
    assert.equal(
      result.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:passed', 'drift:failed', 'gaps:failed', 'quality:failed'],
    );
    assert.match(result.outcomes.find((o) => o.stage === 'drift')!.more!, /^br-guard drift check --range [0-9a-f]{12}\.\.[0-9a-f]{12}$/);
    assert.equal(
      log.calls.filter((c) => c.startsWith('drift')),
      ['drift:range'],
    );
    const skipped = await runPrePush(
      { ...deps, skips: readSkipSettings({ BR_GUARD_SKIP: 'drift,gaps,quality' }) },
      'origin',
      `refs/heads/main ${head} refs/heads/main ${base}\n`,
    );
    assert.is(skipped.exitCode, 0);
    assert.equal(
      skipped.outcomes.map((o) => o.status),
      ['passed', 'skipped', 'skipped', 'skipped'],
    );
    const first = await runPrePush(
      { ...deps, loadConfig: async () => fakeLoaded() },
      'nowhere',
      `refs/heads/main ${head} refs/heads/main ${Z}\n`,
    );
    assert.equal(
      first.outcomes.map((o) => `${o.stage}:${o.status}:${o.more}`),
      [
        'secrets:passed:br-guard quality history <remote>..HEAD',
        'drift:passed:br-guard drift check --all',
        // The pushed commit has no pre-commit record: the pre-commit's quality stage runs on its files.
        'quality:failed:br-guard quality check forbidden/x.txt ok.txt',
      ],
    );
    assert.match(first.outcomes[1]!.summary, /first push: the whole repository/);
    assert.ok(log.calls.includes('drift:all'));
    const deletion = await runPrePush(deps, 'origin', `(delete) ${Z} refs/heads/gone ${base}\n`);
    assert.equal([deletion.exitCode, deletion.outcomes.length], [0, 0]);
    assert.match(deletion.notes[0]!, /refs\/heads\/gone: deletion/);
  } finally {
    cleanup();
  }
});

test('pre-push without a spec skips drift and gaps, and says so', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  try {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const deps = {
      git: await Git.open(repo.root),
      loadConfig: async () => fakeLoaded({ minCompletion: 10 }),
      systems: fakeSystems(),
      skips: readSkipSettings({}),
      guard: new InterruptGuard(
        () => undefined,
        () => undefined,
      ),
      now: () => new Date(),
    };
    const result = await runPrePush(deps, 'origin', `refs/heads/main ${head} refs/heads/main ${Z}\n`);
    assert.is(result.exitCode, 0);
    assert.equal(
      result.outcomes.map((o) => o.summary),
      [
        'no secret in 1 pushed commit',
        'skipped: no PROJECT_SPEC.md to check against',
        'skipped: no PROJECT_SPEC.md',
        'score 100 (A), 1 check on 1 file',
      ],
    );
  } finally {
    repo.cleanup();
  }
});

test('pre-push re-checks only the commits without a pre-commit record, and names them', async () => {
  const { repo, cleanup } = withRemote();
  try {
    const base = repo.git('rev-parse', 'HEAD').trim();
    const git = await Git.open(repo.root);
    repo.write({ 'ok.ts': 'export const ok = 1;\n' });
    repo.git('add', 'ok.ts');
    assert.ok(await writeCommitRecord(git, ['secrets', 'drift', 'quality']));
    const hooked = repo.commit('hooked');
    const log = { calls: [] as string[] };
    const deps = {
      git,
      loadConfig: async () => fakeLoaded(),
      systems: fakeSystems(log),
      skips: readSkipSettings({}),
      guard: new InterruptGuard(
        () => undefined,
        () => undefined,
      ),
      now: () => new Date(),
    };
    const clean = await runPrePush(deps, 'origin', `refs/heads/main ${hooked} refs/heads/main ${base}\n`);
    assert.is(clean.exitCode, 0);
    assert.equal(
      clean.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:passed', 'drift:passed'],
    );
    assert.match(clean.outcomes[0]!.summary, /no commit to scan \(1 more carry a pre-commit record/);
    assert.match(clean.notes.join('\n'), /all 1 pushed commit\(s\) passed the pre-commit checks when made/);
    assert.not.ok(log.calls.some((c) => c.startsWith('quality')));
    const token = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'.slice(0, 36)}`;
    const leaked = repo.commit('leak', { 'src/config.ts': `export const token = "${token}";\nBAD\n` });
    const blocked = await runPrePush(deps, 'origin', `refs/heads/main ${leaked} refs/heads/main ${base}\n`);
    assert.is(blocked.exitCode, 1);
    assert.equal(
      blocked.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:failed', 'drift:passed', 'quality:failed'],
    );
    const text = JSON.stringify(blocked);
    assert.not.ok(text.includes(token), 'the token is never printed');
    assert.match(blocked.outcomes[0]!.details.join('\n'), new RegExp(`^${leaked.slice(0, 8)} src/config.ts:1 `, 'm'));
    assert.match(blocked.outcomes[2]!.summary, new RegExp(`commits without a pre-commit record: ${leaked.slice(0, 8)} "leak"`));
    assert.match(blocked.notes.join('\n'), /1 of 2 pushed commit\(s\) have no pre-commit record/);
    assert.ok(log.calls.includes('quality:commit:all:nofix'));
  } finally {
    cleanup();
  }
});

test('check --range A..B: the pre-push stages on those commits; a bad range is a usage error', async () => {
  const repo = createTempRepo({ commit: true, files: { 'PROJECT_SPEC.md': '# S\n', 'a.txt': 'a\n' } });
  try {
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.commit('bad', { 'ok.txt': 'BAD\n' });
    const log = { calls: [] as string[] };
    const deps = {
      git: await Git.open(repo.root),
      loadConfig: async () => fakeLoaded({ minCompletion: 90 }),
      systems: fakeSystems(log),
      skips: readSkipSettings({}),
      guard: new InterruptGuard(
        () => undefined,
        () => undefined,
      ),
      now: () => new Date(),
    };
    const result = await runRangeCheck(deps, `${base.slice(0, 10)}..`);
    assert.is(result.exitCode, 1);
    // No gaps stage: CI runs `br-guard gaps` for that.
    assert.equal(
      result.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:passed', 'drift:passed', 'quality:failed'],
    );
    assert.match(result.outcomes[2]!.summary, /commits without a pre-commit record: [0-9a-f]{8} "bad"/);
    const none = await runRangeCheck(deps, 'HEAD..HEAD');
    assert.equal([none.exitCode, none.outcomes.length], [0, 0]);
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: Error) => `${error.name}: ${error.message}`,
      );
    assert.match(await failure(runRangeCheck(deps, 'HEAD')), /UsageError: --range expects A\.\.B/);
    assert.match(await failure(runRangeCheck(deps, 'nope..HEAD')), /UsageError: --range: nope is not a commit/);
    assert.match(await failure(runRangeCheck(deps, 'HEAD...HEAD')), /UsageError: --range expects A\.\.B/);
    // A tag with dots is a ref like any other.
    repo.git('tag', 'v1.2', base);
    const tagged = await runRangeCheck(deps, 'v1.2..HEAD');
    assert.equal(
      tagged.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:passed', 'drift:passed', 'quality:failed'],
    );
  } finally {
    repo.cleanup();
  }
});

test.run();
