import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/adapters/git.js';
import { InterruptGuard } from '../../../src/hooks/interrupt-guard.js';
import { LAST_GAPS_FILE, runPostMerge } from '../../../src/hooks/run-post-merge.js';
import { readSkipSettings } from '../../../src/hooks/skip-settings.js';
import type { HookSystems } from '../../../src/hooks/system-deps.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';
import { fakeGap, fakeGapReport, fakeLoaded, fakeSystems } from '../../helpers/fake-hook-systems.js';

async function deps(repo: TempRepo, calls: string[], env: NodeJS.ProcessEnv = {}, overrides: Partial<HookSystems> = {}) {
  return {
    git: await Git.open(repo.root),
    loadConfig: async () => fakeLoaded(),
    systems: fakeSystems({ calls }, overrides),
    skips: readSkipSettings(env),
    guard: new InterruptGuard(
      () => undefined,
      () => undefined,
    ),
    now: () => new Date(),
  };
}

test('post-merge refreshes the manifest, records progress, names spec changes and new gaps', async () => {
  const repo = createTempRepo({ commit: true, files: { 'PROJECT_SPEC.md': '# S\n' } });
  try {
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.commit('spec change', { 'PROJECT_SPEC.md': '# S\n\n### Feature: X\n' });
    repo.git('update-ref', 'ORIG_HEAD', base);
    const calls: string[] = [];
    const first = await runPostMerge(await deps(repo, calls));
    assert.is(first.exitCode, 0);
    assert.match(first.notes.join('\n'), /this merge changed the spec \(PROJECT_SPEC\.md\)/);
    assert.equal(
      first.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['manifest:passed', 'gaps:passed'],
    );
    assert.ok(calls.includes('gaps:record') && calls.includes('manifest'));
    assert.equal(JSON.parse(readFileSync(join(repo.root, LAST_GAPS_FILE), 'utf8')), ['g1']);
    const newGap: Partial<HookSystems> = {
      async runGapAnalysis() {
        return fakeGapReport(40, [
          fakeGap({ id: 'g1', kind: 'stub', featureId: 'f', file: null, line: null, message: 'old' }),
          fakeGap({ id: 'g2', kind: 'todo', featureId: null, file: 'b.ts', line: 3, message: 'new one' }),
        ]);
      },
    };
    repo.git('update-ref', 'ORIG_HEAD', 'HEAD');
    const second = await runPostMerge(await deps(repo, [], {}, newGap));
    const gaps = second.outcomes.find((o) => o.stage === 'gaps')!;
    assert.match(gaps.summary, /1 new gap since the last merge/);
    assert.equal(gaps.details, ['b.ts:3 todo: new one']);
    assert.not.match(second.notes.join('\n'), /changed the spec/);
  } finally {
    repo.cleanup();
  }
});

test('post-merge: skips, no spec, active build checkpoint, errors never block', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  try {
    const none = await runPostMerge(await deps(repo, [], {}, { isBuildActive: async () => true }));
    assert.match(none.notes[0]!, /no PROJECT_SPEC\.md/);
    assert.equal(
      none.outcomes.map((o) => `${o.stage}:${o.status}`),
      ['checkpoint:passed'],
    );
    repo.commit('spec', { 'PROJECT_SPEC.md': '# S\n' });
    const skipped = await runPostMerge(await deps(repo, [], { BR_GUARD_SKIP: 'manifest,gaps,checkpoint' }));
    assert.equal(
      skipped.outcomes.map((o) => o.status),
      ['skipped', 'skipped', 'skipped'],
    );
    const broken = await runPostMerge(
      await deps(
        repo,
        [],
        {},
        {
          async loadSpec() {
            throw new Error('parser crashed');
          },
          async isBuildActive() {
            throw new Error('no build system');
          },
        },
      ),
    );
    assert.is(broken.exitCode, 0);
    assert.equal(
      broken.outcomes.map((o) => o.status),
      ['error', 'error'],
    );
  } finally {
    repo.cleanup();
  }
});

test.run();
