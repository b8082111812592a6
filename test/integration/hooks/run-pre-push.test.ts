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
      ['secrets:passed:br-guard quality history <remote>..HEAD', 'drift:passed:br-guard drift check --all'],
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
      ['no secret in 1 pushed commit', 'skipped: no PROJECT_SPEC.md to check against', 'skipped: no PROJECT_SPEC.md'],
    );
  } finally {
    repo.cleanup();
  }
});

test.run();
