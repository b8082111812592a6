import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { answerGate } from '../../../src/build/answer-gate.js';
import { isBuildActive, readBuildState, writeBuildState } from '../../../src/build/build-state.js';
import { createCheckpoint } from '../../../src/build/create-checkpoint.js';
import { durationRecorder, readDurations } from '../../../src/build/duration-store.js';
import { completeFeaturesByGapAnalysis } from '../../../src/build/executor-deps.js';
import { readGateAnswers, writeGateAnswer } from '../../../src/build/gate-answers.js';
import { readCheckpoint } from '../../../src/build/list-checkpoints.js';
import { newBuildState } from '../../../src/build/new-build-state.js';
import { planBuild } from '../../../src/build/plan-build.js';
import { runSingleTask } from '../../../src/build/run-single-task.js';
import { startBuild } from '../../../src/build/start-build.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { feature, loaded, spec } from './build-fixtures.js';

test('createCheckpoint (the hooks entry point) stores the build state and names itself its last checkpoint', async () => {
  const repo = createTempRepo({ commit: true, files: { 'f.txt': 'x\n' } });
  try {
    const git = await Git.open(repo.root);
    assert.is(await readBuildState(repo.root), null);
    assert.not.ok(await isBuildActive(repo.root));
    const plan = planBuild(spec([feature('a', [], { gate: 'Go?' })]), loaded().config);
    const state = newBuildState(plan, { runId: 'r', now: new Date(0), concurrency: 1, pid: 999999999 });
    state.state = 'paused';
    await writeBuildState(repo.root, state);
    assert.ok(await isBuildActive(repo.root));
    const saved = await createCheckpoint(git, { name: 'by-hook', message: 'pre-commit', auto: false });
    assert.match(saved.commit, /^[0-9a-f]{40}$/);
    assert.is((await readBuildState(repo.root))?.lastCheckpoint, 'by-hook');
    const content = await readCheckpoint(git, 'by-hook');
    assert.is(content.state?.lastCheckpoint, 'by-hook');
    assert.is(content.meta.message, 'pre-commit');
    const auto = await createCheckpoint(git, { auto: true });
    assert.match(auto.name, /^auto-\d{8}T\d{9}Z$/);
  } finally {
    repo.cleanup();
  }
});

test('answers: validated against the state, folded at once without a live build, left for a live one', async () => {
  const repo = createTempRepo({ commit: true });
  try {
    try {
      await answerGate(repo.root, 'a', 'approve', { by: 'x' });
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /no build in progress/);
    }
    const plan = planBuild(spec([feature('a', [], { gate: 'Go?' }), feature('b')]), loaded().config);
    const state = newBuildState(plan, { runId: 'r', now: new Date(0), concurrency: 1, pid: process.pid });
    await writeBuildState(repo.root, state);
    // A live build (this process) owns the state: the answer waits in its file.
    const early = await answerGate(repo.root, 'a', 'approve', { by: 'ann', note: 'in advance' });
    assert.not.ok(early.recorded);
    assert.equal(
      (await readGateAnswers(repo.root)).map((a) => a.gate),
      ['a'],
    );
    try {
      await answerGate(repo.root, 'b', 'approve', { by: 'x' });
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /no gate "b" is waiting/);
    }
    try {
      await answerGate(repo.root, 'a', 'skip', { by: 'x' });
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /cannot take "skip"/);
    }
    state.state = 'paused';
    state.pid = null;
    await writeBuildState(repo.root, state);
    const done = await answerGate(repo.root, 'b:incomplete', 'approve', { by: 'me', now: new Date(5) });
    assert.ok(done.recorded);
    assert.is((await readBuildState(repo.root))?.tasks[1]?.status, 'done');
    // Unreadable answer files are skipped.
    mkdirSync(join(repo.root, '.buildrunner/gate-answers'), { recursive: true });
    writeFileSync(join(repo.root, '.buildrunner/gate-answers/junk.json'), '{');
    await writeGateAnswer(repo.root, { gate: 'z', decision: 'approve', by: 'x', at: '1', note: null });
    assert.equal(
      (await readGateAnswers(repo.root)).map((a) => a.gate),
      ['z', 'a'],
    );
  } finally {
    repo.cleanup();
  }
});

test('durations are recorded one write at a time; junk is ignored', async () => {
  const repo = createTempRepo();
  try {
    assert.equal(await readDurations(repo.root), {});
    const record = durationRecorder(repo.root);
    await Promise.all([record('a', 10), record('b', 20)]);
    assert.equal(await readDurations(repo.root), { a: 10, b: 20 });
    writeFileSync(join(repo.root, '.buildrunner/cache/build-durations.json'), '[1]');
    assert.equal(await readDurations(repo.root), {});
    writeFileSync(join(repo.root, '.buildrunner/cache/build-durations.json'), '{"a": "x", "b": 3}');
    assert.equal(await readDurations(repo.root), { b: 3 });
  } finally {
    repo.cleanup();
  }
});

test('build task runs one step: a command, requirements, gap analysis; start refuses a paused build', async () => {
  const repo = createTempRepo({ commit: true });
  try {
    const git = await Git.open(repo.root);
    const inputs = {
      git,
      loaded: loaded({
        ok: { run: 'echo hello' },
        bad: { run: 'exit 4' },
        needs: { run: 'true', requires: { env: ['NOPE_X'], files: [] } },
      }),
      spec: spec([feature('ok'), feature('bad'), feature('needs'), feature('manual')]),
    };
    const chunks: string[] = [];
    const ok = await runSingleTask(inputs, 'ok', { echo: (c) => chunks.push(c.toString()) });
    assert.equal([ok.ok, ok.exitCode], [true, 0]);
    assert.is(chunks.join(''), 'hello\n');
    assert.is(readFileSync(join(repo.root, ok.log!), 'utf8'), 'hello\n');
    const bad = await runSingleTask(inputs, 'bad');
    assert.equal([bad.ok, bad.exitCode], [false, 4]);
    assert.match(bad.message, /exited with code 4/);
    const needs = await runSingleTask(inputs, 'needs', { env: {} });
    assert.equal([needs.ok, needs.message], [false, 'missing env NOPE_X']);
    const manual = await runSingleTask(inputs, 'manual', { completeFeatures: async (ids) => new Set(ids) });
    assert.ok(manual.ok);
    const notYet = await runSingleTask(inputs, 'manual', { completeFeatures: async () => new Set() });
    assert.not.ok(notYet.ok);
    try {
      await runSingleTask(inputs, 'ghost');
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /unknown task "ghost" \(tasks: ok, bad, needs, manual\)/);
    }
    const gated = { ...inputs, loaded: loaded({}), spec: spec([feature('g', [], { gate: 'Go?' })]) };
    assert.is((await startBuild(gated, { concurrency: 1 }, { completeFeatures: async () => new Set() })).state, 'paused');
    try {
      await startBuild(gated, {});
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /is paused: `br-guard build resume` continues it/);
    }
    try {
      await startBuild(gated, { concurrency: 0, restart: true });
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /concurrency must be/);
    }
  } finally {
    repo.cleanup();
  }
});

test('gap analysis decides completeness of tasks without run', async () => {
  const repo = createTempRepo({ commit: true });
  try {
    const inputs = { git: await Git.open(repo.root), loaded: loaded(), spec: spec([feature('a'), feature('b')]) };
    const fake = async () => ({
      runGapAnalysis: async () => ({ complete: ['a'] }) as never,
      isFeatureComplete: (report: never, id: string) => (report as { complete: string[] }).complete.includes(id),
    });
    assert.equal([...(await completeFeaturesByGapAnalysis(inputs, ['a', 'b'], fake as never))], ['a']);
  } finally {
    repo.cleanup();
  }
});

test.run();
