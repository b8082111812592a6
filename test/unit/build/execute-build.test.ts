import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { executeBuild, type BuildEvent, type ExecutorDeps } from '../../../src/build/execute-build.js';
import { newBuildState } from '../../../src/build/new-build-state.js';
import { planBuild, type BuildPlan } from '../../../src/build/plan-build.js';
import type { BuildState, GateRecord } from '../../../src/build/build-state.js';
import type { GateAnswer } from '../../../src/build/gates.js';
import type { BuildTaskConfig } from '../../../src/config/types.js';
import { feature, loaded, spec } from '../../integration/build/build-fixtures.js';

interface Harness {
  deps: ExecutorDeps;
  events: BuildEvent[];
  log: string[];
  saved: BuildState[];
  answers: GateAnswer[];
  checkpoints: string[];
}

/** Fake deps: commands take `ms[task]` milliseconds and exit with `codes[task]` (default 0). */
function harness(
  options: {
    ms?: Record<string, number>;
    codes?: Record<string, number>;
    complete?: string[];
    env?: NodeJS.ProcessEnv;
    files?: string[];
    ask?: ExecutorDeps['ask'];
    failCheckpoint?: boolean;
  } = {},
): Harness {
  const h: Harness = { events: [], log: [], saved: [], answers: [], checkpoints: [], deps: undefined as unknown as ExecutorDeps };
  let clock = Date.parse('2026-01-01T00:00:00Z');
  h.deps = {
    now: () => new Date(clock),
    env: options.env ?? {},
    fileExists: async (path) => (options.files ?? []).includes(path),
    runCommand: async (task) => {
      h.log.push(`start ${task.id}`);
      await new Promise((resolve) => setTimeout(resolve, options.ms?.[task.id] ?? 1));
      clock += 1000;
      h.log.push(`end ${task.id}`);
      if (options.codes?.[task.id] === 127) throw new Error('spawn failed');
      return options.codes?.[task.id] ?? 0;
    },
    completeFeatures: async (ids) => new Set(ids.filter((id) => (options.complete ?? []).includes(id))),
    checkpoint: async (label, stateFor) => {
      if (options.failCheckpoint) throw new Error('disk full');
      const name = `cp-${h.checkpoints.length + 1}`;
      assert.is(stateFor(name).lastCheckpoint, name);
      h.checkpoints.push(`${name}: ${label}`);
      return name;
    },
    saveState: async (state) => {
      h.saved.push(state);
    },
    readAnswers: async () => h.answers,
    consumeAnswer: async (gate) => {
      h.answers = h.answers.filter((answer) => answer.gate !== gate);
    },
    recordDuration: async () => undefined,
    onEvent: (event) => h.events.push(event),
    sleep: async () => {
      clock += 1000;
    },
  };
  if (options.ask) h.deps.ask = options.ask;
  return h;
}

function setup(
  features = [feature('a'), feature('b', ['a']), feature('c', ['a']), feature('d', ['b', 'c'])],
  tasks: Record<string, BuildTaskConfig> = {},
): { plan: BuildPlan; state: BuildState } {
  const all: Record<string, BuildTaskConfig> = {};
  for (const f of features) all[f.id] = { run: `make ${f.id}`, ...tasks[f.id] };
  const plan = planBuild(spec(features), loaded(all).config);
  return { plan, state: newBuildState(plan, { runId: 'r1', now: new Date(0), concurrency: 2, pid: 1 }) };
}

const statuses = (state: BuildState) => Object.fromEntries(state.tasks.map((t) => [t.id, t.status]));

test('runs a diamond to done, b and c side by side, with a checkpoint after each batch', async () => {
  const { plan, state } = setup();
  const h = harness({ ms: { b: 20, c: 20 } });
  const result = await executeBuild(plan, state, h.deps, { concurrency: 2 });
  assert.is(result.state, 'done');
  assert.is(result.pid, null);
  assert.equal(h.log, ['start a', 'end a', 'start b', 'start c', 'end b', 'end c', 'start d', 'end d']);
  assert.equal(h.checkpoints, ['cp-1: batch 1 of 3 finished', 'cp-2: batch 2 of 3 finished', 'cp-3: batch 3 of 3 finished']);
  assert.is(result.lastCheckpoint, 'cp-3');
  assert.equal(result.checkpointedBatches, [0, 1, 2]);
  assert.ok(result.tasks.every((t) => t.attempts === 1 && t.log === `.buildrunner/logs/r1/${t.id}.log`));
  assert.is(h.saved.at(-1)!.state, 'done');
});

test('the concurrency cap holds and the ready queue starts the critical path first', async () => {
  const features = [feature('x'), feature('y'), feature('z', [], { complexity: 'complex' }), feature('w', ['z'])];
  const { plan, state } = setup(features);
  const h = harness();
  await executeBuild(plan, state, h.deps, { concurrency: 1 });
  assert.equal(
    h.log.filter((l) => l.startsWith('start')),
    ['start z', 'start w', 'start x', 'start y'],
  );
});

test('not batch lockstep: a task starts as soon as its own dependencies are done', async () => {
  const features = [feature('slow'), feature('fast'), feature('after-fast', ['fast'])];
  const { plan, state } = setup(features);
  const h = harness({ ms: { slow: 60, fast: 1, 'after-fast': 1 } });
  await executeBuild(plan, state, h.deps, { concurrency: 3 });
  assert.ok(h.log.indexOf('start after-fast') < h.log.indexOf('end slow'));
});

test('a failure stops new tasks, running ones finish, dependents never run; the failure gate waits', async () => {
  const features = [feature('a'), feature('b'), feature('c', ['a']), feature('e')];
  const { plan, state } = setup(features);
  const h = harness({ ms: { a: 1, b: 40 }, codes: { a: 2 } });
  const result = await executeBuild(plan, state, h.deps, { concurrency: 2 });
  assert.is(result.state, 'paused');
  assert.equal(statuses(result), { a: 'failed', b: 'done', c: 'pending', e: 'pending' });
  assert.ok(h.log.includes('end b'));
  assert.equal(
    result.gates.map((g) => [g.id, g.kind, g.decision]),
    [['a:failure', 'failure', null]],
  );
  assert.match(result.gates[0]!.message, /exited with code 2/);
  const ended = h.events.filter((e) => e.type === 'task-end');
  assert.equal(
    ended.map((e) => e.type === 'task-end' && [e.task, e.status]),
    [
      ['a', 'failed'],
      ['b', 'done'],
    ],
  );
});

test('without failure gates a failure fails the build; --continue keeps independent tasks going', async () => {
  const features = [feature('a'), feature('b'), feature('c', ['a'])];
  let { plan, state } = setup(features);
  let h = harness({ codes: { a: 1 } });
  let result = await executeBuild(plan, state, h.deps, { concurrency: 1, failureGates: false });
  assert.is(result.state, 'failed');
  assert.equal(statuses(result), { a: 'failed', b: 'pending', c: 'pending' });
  ({ plan, state } = setup(features));
  h = harness({ codes: { a: 1 } });
  result = await executeBuild(plan, state, h.deps, { concurrency: 1, failureGates: false, continueOnFailure: true });
  assert.equal(statuses(result), { a: 'failed', b: 'done', c: 'pending' });
});

test('a command that cannot start counts as a failure with its reason', async () => {
  const { plan, state } = setup([feature('a')]);
  const result = await executeBuild(plan, state, harness({ codes: { a: 127 } }).deps, { concurrency: 1, failureGates: false });
  assert.is(result.tasks[0]!.exitCode, 127);
  assert.is(result.tasks[0]!.reason, 'spawn failed');
});

test('a declared gate pauses its task while others go on; an answer lets it run', async () => {
  const features = [feature('a', [], { gate: 'Confirm the schema' }), feature('b')];
  const { plan, state } = setup(features);
  const h = harness();
  let result = await executeBuild(plan, state, h.deps, { concurrency: 2 });
  assert.is(result.state, 'paused');
  assert.equal(statuses(result), { a: 'waiting', b: 'done' });
  assert.equal(
    result.gates.map((g) => [g.id, g.message]),
    [['a', 'Confirm the schema']],
  );
  h.answers.push({ gate: 'a', decision: 'approve', by: 'ann', at: '2026-01-01T00:00:05.000Z', note: 'ok' });
  result = await executeBuild(plan, result, h.deps, { concurrency: 2 });
  assert.is(result.state, 'done');
  assert.equal([result.gates[0]!.decision, result.gates[0]!.by, result.gates[0]!.note], ['approve', 'ann', 'ok']);
  assert.equal(h.answers, []);
});

test('a rejected gate fails its task and the build', async () => {
  const { plan, state } = setup([feature('a', [], { gate: 'Go?' }), feature('b', ['a'])]);
  const h = harness();
  let result = await executeBuild(plan, state, h.deps, { concurrency: 2 });
  h.answers.push({ gate: 'a', decision: 'reject', by: 'bob', at: '2026-01-01T00:00:05.000Z', note: null });
  result = await executeBuild(plan, result, h.deps, { concurrency: 2 });
  assert.is(result.state, 'failed');
  assert.equal(statuses(result), { a: 'failed', b: 'pending' });
  assert.match(result.tasks[0]!.reason!, /rejected by bob/);
});

test('on a TTY the gate asks at once: approve runs, and a failure can be retried or skipped', async () => {
  const asked: string[] = [];
  let failures = 0;
  const ask = async (gate: GateRecord): Promise<GateAnswer> => {
    asked.push(gate.id);
    const decision = gate.kind === 'failure' ? (failures++ === 0 ? 'retry' : 'skip') : 'approve';
    return { gate: gate.id, decision, by: 'tty', at: new Date(0).toISOString(), note: null };
  };
  const { plan, state } = setup([feature('a', [], { gate: 'Go?' }), feature('b', ['a']), feature('c', ['b'])]);
  const h = harness({ codes: { b: 1 }, ask });
  const result = await executeBuild(plan, state, h.deps, { concurrency: 1 });
  assert.equal(asked, ['a', 'b:failure', 'b:failure']);
  assert.equal(statuses(result), { a: 'done', b: 'skipped', c: 'done' });
  assert.is(result.tasks[1]!.attempts, 2);
  assert.is(result.state, 'done');
});

test('missing env or files open a requires gate; once provided, approval runs the task', async () => {
  const { plan, state } = setup([feature('a')], { a: { requires: { env: ['TOKEN'], files: ['schema.sql'] } } });
  const h = harness({ env: {} });
  let result = await executeBuild(plan, state, h.deps, { concurrency: 1 });
  assert.equal(
    result.gates.map((g) => [g.id, g.kind]),
    [['a:requires', 'requires']],
  );
  assert.match(result.gates[0]!.message, /needs env TOKEN, file schema\.sql/);
  const ready = harness({ env: { TOKEN: 'x' }, files: ['schema.sql'] });
  ready.answers.push({ gate: 'a:requires', decision: 'approve', by: 'ann', at: '2026-01-01T00:00:05.000Z', note: null });
  result = await executeBuild(plan, result, ready.deps, { concurrency: 1 });
  assert.is(result.state, 'done');
});

test('a task without run is done when gap analysis finds its feature complete, else it waits', async () => {
  const plan = planBuild(spec([feature('a'), feature('b'), feature('c', ['a'])]), loaded().config);
  const state = newBuildState(plan, { runId: 'r', now: new Date(0), concurrency: 2, pid: 1 });
  const h = harness({ complete: ['a', 'c'] });
  let result = await executeBuild(plan, state, h.deps, { concurrency: 2 });
  assert.equal(statuses(result), { a: 'done', b: 'waiting', c: 'done' });
  assert.equal(
    result.gates.map((g) => g.id),
    ['b:incomplete'],
  );
  h.answers.push({ gate: 'b:incomplete', decision: 'approve', by: 'me', at: '2026-01-01T00:00:05.000Z', note: null });
  result = await executeBuild(plan, result, h.deps, { concurrency: 2 });
  assert.is(result.state, 'done');
  assert.match(result.tasks[1]!.reason!, /marked done by me/);
});

test('on resume, smart gates whose reason is gone close by themselves', async () => {
  const plan = planBuild(
    spec([feature('a'), feature('b')]),
    loaded({ b: { run: 'make b', requires: { env: ['TOKEN'], files: [] } } }).config,
  );
  let state = newBuildState(plan, { runId: 'r', now: new Date(0), concurrency: 2, pid: 1 });
  state = await executeBuild(plan, state, harness().deps, { concurrency: 2 });
  assert.equal(
    state.gates.map((g) => g.id),
    ['b:requires', 'a:incomplete'],
  );
  // Still missing: nothing changes.
  state = await executeBuild(plan, state, harness().deps, { concurrency: 2 });
  assert.is(state.state, 'paused');
  const later = harness({ complete: ['a'], env: { TOKEN: 't' } });
  state = await executeBuild(plan, state, later.deps, { concurrency: 2 });
  assert.is(state.state, 'done');
  assert.equal(
    state.gates.map((g) => [g.by, g.note]),
    [
      ['br-guard', 'the required inputs are present'],
      ['br-guard', 'gap analysis finds the feature complete'],
    ],
  );
});

test('a gate with a timeout waits for an answer, then takes its default action', async () => {
  const { plan, state } = setup([feature('a', [], { gate: 'Deploy?' })], { a: { gateTimeout: 3, gateDefault: 'approve' } });
  const h = harness();
  const result = await executeBuild(plan, state, h.deps, { concurrency: 1, pollMs: 1 });
  assert.is(result.state, 'done');
  assert.equal([result.gates[0]!.decision, result.gates[0]!.by], ['approve', 'timeout']);
  const rejecting = setup([feature('a', [], { gate: 'Deploy?' })], { a: { gateTimeout: 1 } });
  const rejected = await executeBuild(rejecting.plan, rejecting.state, harness().deps, { concurrency: 1, pollMs: 1 });
  assert.is(rejected.state, 'failed');
});

test('an answer that arrives while waiting on a timed gate is taken before the timeout', async () => {
  const { plan, state } = setup([feature('a', [], { gate: 'Deploy?' })], { a: { gateTimeout: 60 } });
  const h = harness();
  h.deps.sleep = async () => {
    h.answers.push({ gate: 'a', decision: 'approve', by: 'ann', at: new Date(0).toISOString(), note: null });
  };
  const result = await executeBuild(plan, state, h.deps, { concurrency: 1 });
  assert.is(result.gates[0]!.by, 'ann');
  assert.is(result.state, 'done');
});

test('a failing checkpoint is a warning, not a failed build', async () => {
  const { plan, state } = setup([feature('a')]);
  const h = harness({ failCheckpoint: true });
  const result = await executeBuild(plan, state, h.deps, { concurrency: 1 });
  assert.is(result.state, 'done');
  assert.ok(h.events.some((e) => e.type === 'warning' && /disk full/.test(e.message)));
});

test('an interrupted build (Ctrl-C) kills running tasks, puts them back to pending, and pauses', async () => {
  const { plan, state } = setup([feature('a'), feature('b'), feature('c', ['a'])]);
  const h = harness();
  const controller = new AbortController();
  h.deps.runCommand = (task, _log, signal) =>
    new Promise((resolve) => {
      if (task.id === 'b') return resolve(0);
      signal!.addEventListener('abort', () => resolve(130));
      setTimeout(() => controller.abort(), 5);
    });
  const result = await executeBuild(plan, state, h.deps, { concurrency: 2, signal: controller.signal });
  assert.is(result.state, 'paused');
  assert.equal(statuses(result), { a: 'pending', b: 'done', c: 'pending' });
  assert.is(result.tasks[0]!.reason, 'interrupted; runs again on resume');
  assert.equal(result.gates, [], 'an interruption is not a failure');
});

test.run();
