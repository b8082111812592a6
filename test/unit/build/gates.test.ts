import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  applyAnswers,
  decideGate,
  expireGates,
  gateApproved,
  gateChoices,
  gateId,
  missingRequirements,
  normaliseDecision,
  openGate,
  splitGateId,
} from '../../../src/build/gates.js';
import { newBuildState, reconcileState, makeRunId } from '../../../src/build/new-build-state.js';
import { displayStatus, openGates, parseBuildState } from '../../../src/build/build-state.js';
import { planBuild } from '../../../src/build/plan-build.js';
import { InputError } from '../../../src/domain/errors.js';
import { feature, loaded, spec } from '../../integration/build/build-fixtures.js';

const at = '2026-01-01T00:00:00.000Z';

function fresh() {
  const plan = planBuild(spec([feature('a', [], { gate: 'Go?' }), feature('b', ['a'])]), loaded().config);
  return newBuildState(plan, { runId: 'r', now: new Date(at), concurrency: 1, pid: 1 });
}

test('gate ids, choices and decisions', () => {
  assert.is(gateId('a', 'declared'), 'a');
  assert.is(gateId('a', 'failure'), 'a:failure');
  assert.equal(splitGateId('a:b:requires'), ['a:b', 'requires']);
  assert.equal(splitGateId('plain'), ['plain', 'declared']);
  assert.equal(gateChoices('failure'), ['retry', 'skip', 'abort']);
  assert.equal(gateChoices('declared'), ['approve', 'reject']);
  assert.is(normaliseDecision('failure', 'approve'), 'retry');
  assert.is(normaliseDecision('failure', 'reject'), 'abort');
  assert.is(normaliseDecision('failure', 'skip'), 'skip');
  assert.is(normaliseDecision('declared', 'skip'), null);
  assert.is(normaliseDecision('declared', 'approve'), 'approve');
});

test('missing requirements list env variables and files', async () => {
  const task = { requires: { env: ['A', 'B'], files: ['x', 'y'] } };
  assert.equal(await missingRequirements(task, { A: '1', B: '' }, async (p) => p === 'x'), ['env B', 'file y']);
  assert.equal(await missingRequirements({ requires: { env: [], files: [] } }, {}, async () => false), []);
});

test('answers: to an open gate, in advance to a declared gate, done by hand; unknown ones are ignored', () => {
  const state = fresh();
  const [a, b] = state.tasks;
  const used = applyAnswers(state, [
    { gate: 'a', decision: 'approve', by: 'ann', at, note: 'early' },
    { gate: 'b:incomplete', decision: 'approve', by: 'me', at, note: null },
    { gate: 'ghost', decision: 'approve', by: 'x', at, note: null },
    { gate: 'b:requires', decision: 'approve', by: 'x', at, note: null },
  ]);
  assert.equal(
    used.map((u) => u.gate),
    ['a', 'b:incomplete'],
  );
  assert.ok(gateApproved(state, 'a', 'declared'));
  assert.is(a!.status, 'pending');
  assert.is(b!.status, 'done');
  assert.match(b!.reason!, /marked done by me/);
  assert.equal(openGates(state), []);
});

test('decisions move tasks: reject fails, skip skips, retry reruns', () => {
  const state = fresh();
  const task = state.tasks[0]!;
  const gate = openGate(state, task, 'failure', 'failed', new Date(at));
  assert.is(task.status, 'pending', 'a failure gate leaves the status alone');
  decideGate(state, gate, { gate: gate.id, decision: 'approve', by: 'x', at, note: null });
  assert.is(gate.decision, 'retry');
  const skip = openGate(state, task, 'failure', 'failed', new Date(at));
  decideGate(state, skip, { gate: skip.id, decision: 'skip', by: 'x', at, note: null });
  assert.is(task.status, 'skipped');
  const declared = openGate(state, task, 'declared', 'Go?', new Date(at));
  assert.is(task.status, 'waiting');
  decideGate(state, declared, { gate: declared.id, decision: 'reject', by: 'bob', at, note: 'no' });
  assert.is(task.status, 'failed');
  assert.is(task.reason, 'gate a rejected by bob: no');
  const abort = openGate(state, task, 'failure', 'x', new Date(at));
  decideGate(state, abort, { gate: abort.id, decision: 'reject', by: 'bob', at, note: null });
  assert.match(task.reason!, /aborted by bob/);
  // A gate whose task vanished is still recorded.
  const orphan = { ...declared, id: 'gone', taskId: 'gone', decision: null };
  state.gates.push(orphan);
  decideGate(state, orphan, { gate: 'gone', decision: 'approve', by: 'x', at, note: null });
  assert.is(orphan.decision, 'approve');
});

test('timeouts apply the default action once due', () => {
  const state = fresh();
  const gate = openGate(state, state.tasks[0]!, 'declared', 'Go?', new Date(at), { seconds: 10, action: 'approve' });
  assert.is(gate.timeoutAt, '2026-01-01T00:00:10.000Z');
  assert.is(expireGates(state, new Date('2026-01-01T00:00:05Z')), 0);
  assert.is(expireGates(state, new Date('2026-01-01T00:00:10Z')), 1);
  assert.equal([gate.decision, gate.by], ['approve', 'timeout']);
  const other = openGate(state, state.tasks[1]!, 'requires', 'need', new Date(at), { seconds: 0, action: null });
  expireGates(state, new Date(at));
  assert.is(other.decision, 'reject');
});

test('state: ready is derived; resume puts running tasks back; run ids sort by time; bad files are input errors', () => {
  const state = fresh();
  assert.is(displayStatus(state, state.tasks[0]!), 'ready');
  assert.is(displayStatus(state, state.tasks[1]!), 'pending');
  state.tasks[0]!.status = 'running';
  const plan = planBuild(spec([feature('a', [], { gate: 'Go?' }), feature('c')]), loaded().config);
  const resumed = reconcileState(state, plan);
  assert.equal(
    resumed.tasks.map((t) => [t.id, t.status]),
    [
      ['a', 'pending'],
      ['c', 'pending'],
    ],
  );
  assert.is(resumed.tasks[0]!.reason, 'interrupted; runs again');
  assert.is(makeRunId(new Date(at)), '20260101T000000000Z');
  assert.throws(
    () => parseBuildState('{'),
    (e: unknown) => e instanceof InputError && /not valid JSON/.test((e as Error).message),
  );
  assert.throws(
    () => parseBuildState('{"version":2}'),
    (e: unknown) => e instanceof InputError && /unknown format/.test((e as Error).message),
  );
  assert.is(parseBuildState(JSON.stringify(state)).runId, 'r');
});

test.run();
