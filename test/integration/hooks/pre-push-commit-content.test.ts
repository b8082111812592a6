import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '../../../src/adapters/git.js';
import { InterruptGuard } from '../../../src/hooks/interrupt-guard.js';
import { runPrePush } from '../../../src/hooks/run-pre-push.js';
import { readSkipSettings } from '../../../src/hooks/skip-settings.js';
import { defaultHookSystems } from '../../../src/hooks/system-deps.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';
import { fakeLoaded } from '../../helpers/fake-hook-systems.js';

// A GitHub token's shape (ghp_ + 36 characters); made up, never valid.
const TOKEN = `ghp_${'Zq8wX2vN5kR7tY1uB4mC6dF9gH3jL0pS2aE8'}`;
const LEAKY = `export const token = "${TOKEN}";\nexport const run = new Function('return 1');\n`;
const CLEAN = 'export const token = process.env.GITHUB_TOKEN;\n';

/** A repository whose main is pushed to a bare remote; the pre-push runs the real systems. */
async function pushedRepo(): Promise<{ repo: TempRepo; base: string; deps: Parameters<typeof runPrePush>[0]; cleanup: () => void }> {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# r\n' } });
  const bare = mkdtempSync(join(tmpdir(), 'br-guard-remote-'));
  execFileSync('git', ['init', '-q', '--bare', bare]);
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', '--no-verify', 'origin', 'main');
  const loaded = fakeLoaded();
  // The pre-commit's quality stage with a content check of each kind: secrets and JS security.
  loaded.config.quality.preCommitChecks = ['secrets', 'security'];
  const deps = {
    git: await Git.open(repo.root),
    loadConfig: async () => loaded,
    systems: defaultHookSystems(),
    skips: readSkipSettings({}),
    guard: new InterruptGuard(
      () => undefined,
      () => undefined,
    ),
    now: () => new Date(),
  };
  return {
    repo,
    base: repo.git('rev-parse', 'HEAD').trim(),
    deps,
    cleanup: () => {
      repo.cleanup();
      rmSync(bare, { recursive: true, force: true });
    },
  };
}

test('a --no-verify commit holding a token is blocked even after the work tree no longer holds it', async () => {
  const { repo, base, deps, cleanup } = await pushedRepo();
  try {
    // createTempRepo's commits are made with --no-verify: no pre-commit record.
    const leaked = repo.commit('add config', { 'src/config.ts': LEAKY });
    repo.write({ 'src/config.ts': CLEAN }); // Edited since, not committed: the push still sends the token.
    const result = await runPrePush(deps, 'origin', `refs/heads/main ${leaked} refs/heads/main ${base}\n`);
    assert.is(result.exitCode, 1);
    assert.equal(
      result.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:failed', 'drift:skipped', 'quality:failed'],
    );
    const quality = result.outcomes[2]!;
    assert.match(quality.summary, new RegExp(`commits without a pre-commit record: ${leaked.slice(0, 8)} "add config"`));
    const details = quality.details.join('\n');
    assert.match(details, /src\/config\.ts:1\b.*github/i, 'the secrets check read the committed blob');
    assert.match(details, /src\/config\.ts:2\b.*Function/, 'and so did the security check');
    assert.not.ok(JSON.stringify(result).includes(TOKEN), 'the token is never printed');
  } finally {
    cleanup();
  }
});

test('a secret only in the work tree, not in the pushed commit, does not block the push', async () => {
  const { repo, base, deps, cleanup } = await pushedRepo();
  try {
    const clean = repo.commit('add config', { 'src/config.ts': CLEAN });
    repo.write({ 'src/config.ts': LEAKY }); // Uncommitted: it does not leave the machine.
    const result = await runPrePush(deps, 'origin', `refs/heads/main ${clean} refs/heads/main ${base}\n`);
    assert.equal(
      result.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:passed', 'drift:skipped', 'quality:passed'],
    );
    assert.is(result.exitCode, 0);
    // A later commit that deletes the file leaves nothing of it at the tip to check.
    repo.commit('leak then drop', { 'src/config.ts': LEAKY });
    repo.git('rm', '-q', 'src/config.ts');
    const dropped = repo.commit('drop config');
    const later = await runPrePush(deps, 'origin', `refs/heads/main ${dropped} refs/heads/main ${base}\n`);
    assert.equal(
      later.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['secrets:failed', 'drift:skipped', 'quality:passed'],
      'the history scan still finds the token the middle commit added; the tip holds no file to judge',
    );
  } finally {
    cleanup();
  }
});

test('two branches pushed at once: each judged at its own tip', async () => {
  const { repo, base, deps, cleanup } = await pushedRepo();
  try {
    const leaked = repo.commit('leak on main', { 'src/config.ts': LEAKY });
    repo.git('checkout', '-q', '-b', 'topic', base);
    const clean = repo.commit('clean on topic', { 'src/config.ts': CLEAN });
    const result = await runPrePush(
      deps,
      'origin',
      `refs/heads/main ${leaked} refs/heads/main ${base}\nrefs/heads/topic ${clean} refs/heads/topic ${'0'.repeat(40)}\n`,
    );
    const quality = result.outcomes.filter((o) => o.stage === 'quality');
    assert.equal(
      quality.map((o) => o.status),
      ['failed', 'passed'],
    );
    assert.match(quality[0]!.summary, new RegExp(`${leaked.slice(0, 8)} "leak on main"`));
    assert.is(result.exitCode, 1);
  } finally {
    cleanup();
  }
});

test.run();
