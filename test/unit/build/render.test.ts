import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { planBuild } from '../../../src/build/plan-build.js';
import { planDot, planJson, planMermaid, planText } from '../../../src/build/render-plan.js';
import { artifactRoot, jobId, planGithubActions } from '../../../src/build/render-github-actions.js';
import { buildStatus } from '../../../src/build/build-status.js';
import { answerHints, progressBar, statusText } from '../../../src/build/render-status.js';
import { newBuildState } from '../../../src/build/new-build-state.js';
import { openGate } from '../../../src/build/gates.js';
import { feature, loaded, spec } from '../../integration/build/build-fixtures.js';

const plan = planBuild(
  spec([
    feature('a', [], { complexity: 'complex' }),
    feature('b', ['a'], { gate: 'Check "it"' }),
    feature('c', ['a']),
    feature('1st', ['b', 'c']),
  ]),
  loaded({ c: { run: 'npm run c', requires: { env: ['API_KEY'], files: [] } }, "it's": { run: 'echo', dependsOn: ['1st'] } }).config,
);

test('plan JSON has the contract shape', () => {
  const json = planJson(plan) as {
    batches: string[][];
    criticalPath: string[];
    tasks: Array<{ id: string; dependsOn: string[]; gate: string | null }>;
  };
  assert.equal(json.batches, [['a'], ['b', 'c'], ['1st'], ["it's"]]);
  assert.equal(json.criticalPath, ['a', 'b', '1st', "it's"]);
  assert.equal(json.tasks[1], { id: 'b', name: 'B', dependsOn: ['a'], gate: 'Check "it"', run: null, weight: 1 });
});

test('text shows batches, parallel counts, gates, and the critical path', () => {
  const text = planText(plan);
  assert.match(text, /5 tasks in 4 batches/);
  assert.match(text, /Batch 2 \(2 in parallel\):/);
  assert.match(text, /- c {2}\(run: npm run c; after a\)/);
  assert.match(text, /gate: Check "it"/);
  assert.match(text, /Critical path \(6 complexity points\): a → b → 1st → it's/);
  assert.match(planText(planBuild(spec([]), loaded().config)), /No tasks/);
});

test('mermaid and dot draw every edge from dependency to dependent', () => {
  const mermaid = planMermaid(plan);
  assert.match(mermaid, /^flowchart TD/);
  assert.match(mermaid, /t_a --> t_b/);
  assert.match(mermaid, /t_b\["B"\]/);
  assert.match(mermaid, /class t_a,t_b,t_1st,t_it_s critical/);
  const dot = planDot(plan);
  assert.match(dot, /"a" -> "b";/);
  assert.match(dot, /"a" \[label="A", penwidth=3\];/);
  assert.match(dot, /"it's" -> |"1st" -> "it's";/);
});

test('GitHub Actions: one job per task, needs mirror dependencies, each runs build task', async () => {
  const workflow = parse(await planGithubActions(plan)) as {
    on: object;
    jobs: Record<string, { needs?: string[]; environment?: string; env?: object; steps: Array<{ run?: string }> }>;
  };
  assert.equal(workflow.on, { workflow_dispatch: null });
  assert.equal(workflow.jobs.c!.env, { API_KEY: '${{ secrets.API_KEY }}' });
  assert.equal(Object.keys(workflow.jobs), ['a', 'b', 'c', 'task_1st', 'it_s']);
  assert.equal(workflow.jobs.task_1st!.needs, ['b', 'c']);
  assert.is(workflow.jobs.a!.needs, undefined);
  assert.is(workflow.jobs.b!.environment, 'br-guard-gate-b');
  assert.is(workflow.jobs.task_1st!.steps.at(-1)!.run, 'npx br-guard build task 1st');
  assert.is(workflow.jobs.it_s!.steps.at(-1)!.run, "npx br-guard build task 'it'\\''s'");
  assert.is(jobId('9x'), 'task_9x');
});

test('status: idle lists the plan; a run shows bars, gates and how to answer them', () => {
  const idle = buildStatus(null, plan, 'cp-1');
  assert.is(idle.state, 'idle');
  assert.equal(
    idle.tasks.map((t) => t.status),
    ['ready', 'pending', 'pending', 'pending', 'pending'],
  );
  assert.is(idle.lastCheckpoint, 'cp-1');
  assert.equal(buildStatus(null, null, null).tasks, []);
  const state = newBuildState(plan, { runId: 'r1', now: new Date(0), concurrency: 1, pid: process.pid });
  state.state = 'paused';
  state.tasks[0]!.status = 'done';
  state.tasks[0]!.durationMs = 1500;
  openGate(state, state.tasks[1]!, 'declared', 'Check "it"', new Date(0));
  openGate(state, state.tasks[2]!, 'failure', 'c failed', new Date(0));
  state.tasks[2]!.status = 'failed';
  const report = buildStatus(state, null, 'ignored');
  assert.is(report.state, 'paused');
  assert.equal(report.gate, {
    id: 'b',
    message: 'Check "it"',
    since: new Date(0).toISOString(),
    kind: 'declared',
    choices: ['approve', 'reject'],
  });
  assert.equal(
    report.tasks.map((t) => t.status),
    ['done', 'waiting', 'failed', 'pending', 'pending'],
  );
  assert.is(report.lastCheckpoint, 'ignored');
  const text = statusText(report);
  assert.match(text, /build r1: paused — 1\/5 done/);
  assert.match(text, /done {5}█{4}░{16} 1/);
  assert.match(text, /✓ a {2}done \(1\.5s\)/);
  assert.match(text, /waiting at gate b since .*: Check "it"/);
  assert.match(text, /retry: br-guard build approve c:failure/);
  assert.match(text, /last checkpoint: ignored/);
  assert.equal(buildStatus(state, null, null).gates.length, 2);
  state.state = 'running';
  state.pid = 999999999;
  const dead = buildStatus(state, null, null);
  assert.ok(dead.interrupted);
  assert.match(statusText(dead), /interrupted/);
  assert.is(progressBar(0, 0), '░'.repeat(20));
  assert.match(answerHints('x:incomplete', 'incomplete').join('\n'), /build done x/);
});

test('artifacts are downloaded to the folder upload-artifact stores their paths relative to', () => {
  assert.is(artifactRoot(['gen/schema.json']), 'gen');
  assert.is(artifactRoot(['gen/a/x.json', 'gen/b/y.json']), 'gen');
  assert.is(artifactRoot(['gen/a.json', 'out/b.json']), '.');
  assert.is(artifactRoot(['schema.json']), '.');
  assert.is(artifactRoot(['dist/']), 'dist');
  assert.is(artifactRoot(['build/**/*.js']), 'build');
  assert.is(artifactRoot(['build/lib*.js', 'build/x/y.txt']), 'build');
});

test.run();
