import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { answerGate } from '../../../src/build/answer-gate.js';
import { readBuildState } from '../../../src/build/build-state.js';
import { buildStatus } from '../../../src/build/build-status.js';
import { listCheckpoints, readCheckpoint } from '../../../src/build/list-checkpoints.js';
import { resumeBuild, startBuild } from '../../../src/build/start-build.js';
import type { BuildInputs } from '../../../src/build/executor-deps.js';
import type { BuildTaskConfig } from '../../../src/config/types.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';
import { feature, loaded, spec } from './build-fixtures.js';

const TICK = `import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
const [name, ms = '0', code = '0'] = process.argv.slice(2);
appendFileSync('times.txt', name + ' start ' + Date.now() + '\\n');
writeFileSync(name + '.pid', String(process.pid));
await new Promise((resolve) => setTimeout(resolve, existsSync('slow') ? 60000 : Number(ms)));
appendFileSync('times.txt', name + ' end ' + Date.now() + '\\n');
console.log(name + ' output');
process.exit(Number(code));
`;

const noGaps = { completeFeatures: async () => new Set<string>() };

function tickRepo(): TempRepo {
  return createTempRepo({ commit: true, files: { 'tick.mjs': TICK, '.gitignore': 'times.txt\n*.pid\nslow\n' } });
}

function tick(name: string, ms = 0, code = 0): string {
  return `"${process.execPath}" tick.mjs ${name} ${ms} ${code}`;
}

async function inputsFor(
  repo: TempRepo,
  features: Array<[string, string[], string?]>,
  tasks: Record<string, BuildTaskConfig>,
): Promise<BuildInputs> {
  return {
    git: await Git.open(repo.root),
    loaded: loaded(tasks, { concurrency: 2 }),
    spec: spec(features.map(([id, deps, gate]) => feature(id, deps, gate ? { gate } : {}))),
  };
}

function times(repo: TempRepo): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync(join(repo.root, 'times.txt'), 'utf8').trim().split('\n')) {
    const [name, what, at] = line.split(' ');
    out[`${name} ${what}`] = Number(at);
  }
  return out;
}

test('B and C run at the same time; logs are captured; a checkpoint follows every batch', async () => {
  const repo = tickRepo();
  try {
    const inputs = await inputsFor(
      repo,
      [
        ['a', []],
        ['b', ['a']],
        ['c', ['a']],
        ['d', ['b', 'c']],
      ],
      {
        a: { run: tick('a') },
        b: { run: tick('b', 400) },
        c: { run: tick('c', 400) },
        d: { run: tick('d') },
      },
    );
    const state = await startBuild(inputs, {}, noGaps);
    assert.is(state.state, 'done');
    const t = times(repo);
    assert.ok(t['b start']! < t['c end']! && t['c start']! < t['b end']!, `b and c overlap: ${JSON.stringify(t)}`);
    assert.ok(t['a end']! <= Math.min(t['b start']!, t['c start']!));
    assert.ok(t['d start']! >= Math.max(t['b end']!, t['c end']!));
    assert.is(readFileSync(join(repo.root, `.buildrunner/logs/${state.runId}/b.log`), 'utf8'), 'b output\n');
    const checkpoints = await listCheckpoints(inputs.git);
    assert.equal(
      checkpoints.map((c) => c.message),
      [`build ${state.runId} started`, 'batch 1 of 3 finished', 'batch 2 of 3 finished', 'batch 3 of 3 finished'],
    );
    assert.ok(checkpoints.every((c) => c.auto));
    const saved = await readBuildState(repo.root);
    assert.is(saved?.state, 'done');
    assert.is(saved?.lastCheckpoint, checkpoints.at(-1)!.name);
    assert.is((await readCheckpoint(inputs.git, checkpoints.at(-1)!.name)).state?.lastCheckpoint, checkpoints.at(-1)!.name);
    assert.ok(existsSync(join(repo.root, '.buildrunner/cache/build-durations.json')));
    // The work tree saved in a checkpoint never holds br-guard's runtime files.
    const files = repo.git('ls-tree', '-r', '--name-only', `${checkpoints[0]!.commit}:worktree`);
    assert.not.match(files, /build-state|logs\//);
  } finally {
    repo.cleanup();
  }
});

test('interruption gates pause for user input: pause, approve (who, when, note recorded), resume to done; the answer is in the next checkpoint', async () => {
  const repo = tickRepo();
  try {
    const inputs = await inputsFor(
      repo,
      [
        ['a', [], 'Confirm the schema'],
        ['b', ['a']],
      ],
      { a: { run: tick('a') }, b: { run: tick('b') } },
    );
    const paused = await startBuild(inputs, {}, noGaps);
    assert.is(paused.state, 'paused');
    const status = buildStatus(await readBuildState(repo.root), null, null);
    assert.equal(status.gate && [status.gate.id, status.gate.message], ['a', 'Confirm the schema']);
    assert.equal(
      status.tasks.map((t) => t.status),
      ['waiting', 'pending'],
    );
    try {
      await answerGate(repo.root, 'zzz', 'approve', { by: 'ann' });
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /no gate "zzz" is waiting \(waiting: a\)/);
    }
    const answered = await answerGate(repo.root, 'a', 'approve', { by: 'ann', note: 'looks right' });
    assert.ok(answered.recorded);
    const done = await resumeBuild(inputs, {}, noGaps);
    assert.is(done.state, 'done');
    assert.equal([done.gates[0]!.decision, done.gates[0]!.by, done.gates[0]!.note], ['approve', 'ann', 'looks right']);
    const last = await readCheckpoint(inputs.git, done.lastCheckpoint!);
    assert.is(last.state?.gates[0]?.by, 'ann');
  } finally {
    repo.cleanup();
  }
});

test('reject fails the task; failure stops scheduling, dependents never run; retry after a fix', async () => {
  const repo = tickRepo();
  try {
    let inputs = await inputsFor(
      repo,
      [
        ['a', [], 'Go?'],
        ['b', ['a']],
      ],
      { a: { run: tick('a') }, b: { run: tick('b') } },
    );
    await startBuild(inputs, {}, noGaps);
    await answerGate(repo.root, 'a', 'reject', { by: 'bob', note: 'not yet' });
    const rejected = await resumeBuild(inputs, {}, noGaps);
    assert.is(rejected.state, 'failed');
    assert.equal(
      rejected.tasks.map((t) => t.status),
      ['failed', 'pending'],
    );
    rmSync(join(repo.root, 'times.txt'), { force: true });
    inputs = await inputsFor(
      repo,
      [
        ['x', []],
        ['y', []],
        ['z', ['x']],
      ],
      { x: { run: tick('x', 0, 3) }, y: { run: tick('y') }, z: { run: tick('z') } },
    );
    const failed = await startBuild(inputs, { concurrency: 1, restart: true, onFailure: 'gate' }, noGaps);
    assert.is(failed.state, 'paused');
    assert.equal(failed.gates.at(-1)!.id, 'x:failure');
    assert.equal(Object.keys(times(repo)), ['x start', 'x end'], 'after x failed nothing else started');
    inputs.loaded.config.build.tasks.x = { run: tick('x') };
    await answerGate(repo.root, 'x:failure', 'approve', { by: 'ann' });
    const retried = await resumeBuild(inputs, {}, noGaps);
    assert.is(retried.state, 'done');
    assert.is(retried.tasks[0]!.attempts, 2);
  } finally {
    repo.cleanup();
  }
});

test('failure policy: fail without a TTY or in CI (exit-1 state, dependents skipped), gate on a TTY, config and flag win', async () => {
  const repo = tickRepo();
  try {
    const features: Array<[string, string[]]> = [
      ['x', []],
      ['z', ['x']],
      ['w', ['z']],
      ['y', []],
    ];
    const tasks = () => ({ x: { run: tick('x', 0, 3) }, y: { run: tick('y') }, z: { run: tick('z') }, w: { run: tick('w') } });
    const inputs = await inputsFor(repo, features, tasks());
    const tty = { stdinIsTTY: true, env: {} };
    const pipe = { stdinIsTTY: false, env: {} };
    const ci = { stdinIsTTY: true, env: { CI: 'true' } };

    for (const terminal of [pipe, ci]) {
      const failed = await startBuild(inputs, { concurrency: 1, restart: true, terminal }, noGaps);
      assert.is(failed.state, 'failed', JSON.stringify(terminal));
      assert.equal(failed.gates, [], 'no failure gate is opened');
      const report = buildStatus(failed, null, null);
      assert.equal(Object.fromEntries(report.tasks.map((t) => [t.id, t.status])), { x: 'failed', z: 'skipped', w: 'skipped', y: 'ready' });
      assert.match(report.tasks[2]!.reason ?? '', /depends on x, which failed/);
      assert.not.ok(existsSync(join(repo.root, 'z.pid')), 'a dependent of the failed task never ran');
    }

    const paused = await startBuild(inputs, { concurrency: 1, restart: true, terminal: tty }, noGaps);
    assert.is(paused.state, 'paused');
    assert.is(paused.gates.at(-1)!.id, 'x:failure');
    assert.equal(
      buildStatus(paused, null, null).tasks.map((t) => t.status),
      ['failed', 'pending', 'pending', 'ready'],
    );

    const configured = await inputsFor(repo, features, tasks());
    configured.loaded.config.build.onFailure = 'gate';
    assert.is((await startBuild(configured, { concurrency: 1, restart: true, terminal: ci }, noGaps)).state, 'paused', 'config gate in CI');
    configured.loaded.config.build.onFailure = 'fail';
    assert.is(
      (await startBuild(configured, { concurrency: 1, restart: true, terminal: tty }, noGaps)).state,
      'failed',
      'config fail on a TTY',
    );
    assert.is(
      (await startBuild(configured, { concurrency: 1, restart: true, terminal: tty, onFailure: 'gate' }, noGaps)).state,
      'paused',
      'the flag wins over the config',
    );

    // A failed run resumed: the failed task runs again, and its dependents with it once it passes.
    const failedAgain = await startBuild(inputs, { concurrency: 1, restart: true, terminal: pipe }, noGaps);
    assert.is(failedAgain.state, 'failed');
    inputs.loaded.config.build.tasks.x = { run: tick('x') };
    const resumed = await resumeBuild(inputs, { terminal: pipe }, noGaps);
    assert.is(resumed.state, 'done');
    assert.equal(
      buildStatus(resumed, null, null).tasks.map((t) => t.status),
      ['done', 'done', 'done', 'done'],
    );
  } finally {
    repo.cleanup();
  }
});

test('a build killed with SIGKILL mid-run resumes: the running task runs again', async () => {
  const repo = tickRepo();
  try {
    const features = [
      ['a', []],
      ['b', ['a']],
    ];
    const tasks = { a: { run: tick('a') }, b: { run: tick('b') } };
    writeFileSync(join(repo.root, 'slow'), '');
    const runner = join(repo.root, '..', `runner-${process.pid}-${Date.now()}.mjs`);
    const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
    writeFileSync(
      runner,
      `import { Git } from ${JSON.stringify(here('../../../src/adapters/git.js'))};
import { startBuild } from ${JSON.stringify(here('../../../src/build/start-build.js'))};
import { feature, loaded, spec } from ${JSON.stringify(here('./build-fixtures.js'))};
const features = ${JSON.stringify(features)};
const inputs = { git: await Git.open(process.cwd()), loaded: loaded(${JSON.stringify(tasks)}), spec: spec(features.map(([id, deps]) => feature(id, deps))) };
await startBuild(inputs, { concurrency: 1 }, { completeFeatures: async () => new Set() });
`,
    );
    const child = spawn(process.execPath, [runner], { cwd: repo.root, stdio: 'ignore' });
    try {
      for (let i = 0; i < 200 && !existsSync(join(repo.root, 'a.pid')); i++) await new Promise((r) => setTimeout(r, 50));
      const running = await readBuildState(repo.root);
      assert.is(running?.state, 'running');
      assert.is(running?.tasks[0]?.status, 'running');
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    } finally {
      rmSync(runner, { force: true });
      const orphan = Number(readFileSync(join(repo.root, 'a.pid'), 'utf8'));
      try {
        process.kill(orphan, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    const status = buildStatus(await readBuildState(repo.root), null, null);
    assert.ok(status.interrupted);
    assert.is(status.state, 'paused');
    rmSync(join(repo.root, 'slow'));
    const inputs = await inputsFor(
      repo,
      [
        ['a', []],
        ['b', ['a']],
      ],
      tasks,
    );
    const resumed = await resumeBuild(inputs, {}, noGaps);
    assert.is(resumed.state, 'done');
    assert.is(resumed.tasks[0]!.attempts, 2);
    assert.ok(readdirSync(join(repo.root, '.buildrunner/logs')).length === 1);
  } finally {
    repo.cleanup();
  }
});

test.run();
