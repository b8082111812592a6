import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';
import { CLI, runCli } from '../../helpers/run-cli.js';

const SPEC = `# PROJECT_SPEC: Demo

## Features

### Feature: Alpha

**Complexity:** simple

**Description:**
The first part.

**Requirements:**
- Do alpha

---

### Feature: Beta

**Complexity:** complex

**Requirements:**
- Do beta

**Dependencies:**
- Requires Alpha

---

### Feature: Gamma

**Complexity:** medium

**Gate:** Confirm the gamma schema

**Requirements:**
- Do gamma

**Dependencies:**
- Requires Alpha

---

### Feature: Delta

**Requirements:**
- Do delta

**Dependencies:**
- Requires Beta
- Requires Gamma
`;

function node(script: string): string {
  return `"${process.execPath}" -e "${script}"`;
}

function demoRepo(tasks: Record<string, unknown>, build: Record<string, unknown> = {}): TempRepo {
  return createTempRepo({
    commit: true,
    files: {
      'PROJECT_SPEC.md': SPEC,
      '.br-guardrc.json': JSON.stringify({ build: { concurrency: 2, ...build, tasks } }, null, 2),
      '.gitignore': 'out/\n',
    },
  });
}

const ok = (name: string) => ({
  run: node(`require('fs').mkdirSync('out',{recursive:true});require('fs').writeFileSync('out/${name}','ok')`),
});

test('build plan: json (contract shape), text, mermaid, dot, github-actions', () => {
  const repo = demoRepo({ alpha: ok('alpha') });
  try {
    const json = runCli(['build', 'plan', '--json'], { cwd: repo.root });
    assert.is(json.code, 0, json.stderr);
    const plan = json.json<{
      batches: string[][];
      criticalPath: string[];
      tasks: Array<{ id: string; dependsOn: string[]; gate: string | null }>;
    }>();
    assert.equal(plan.batches, [['alpha'], ['beta', 'gamma'], ['delta']]);
    assert.equal(plan.criticalPath, ['alpha', 'beta', 'delta']);
    assert.equal(plan.tasks.find((t) => t.id === 'gamma')?.gate, 'Confirm the gamma schema');
    assert.equal(plan.tasks.find((t) => t.id === 'delta')?.dependsOn, ['beta', 'gamma']);
    assert.match(runCli(['build', 'plan'], { cwd: repo.root }).stdout, /Critical path .*alpha → beta → delta/);
    assert.match(runCli(['build', 'plan', '--mermaid'], { cwd: repo.root }).stdout, /t_alpha --> t_beta/);
    assert.match(runCli(['build', 'plan', '--dot'], { cwd: repo.root }).stdout, /"gamma" -> "delta";/);
    const actions = runCli(['build', 'plan', '--github-actions'], { cwd: repo.root }).stdout;
    assert.match(actions, /needs:\n\s+- beta\n\s+- gamma/);
    assert.match(actions, /npx br-guard build task delta/);
    assert.is(runCli(['build', 'plan', '--dot', '--mermaid'], { cwd: repo.root }).code, 2);
  } finally {
    repo.cleanup();
  }
});

test('build start pauses at the gate (exit 3, the answering command printed); approve, resume, done', () => {
  const repo = demoRepo({ alpha: ok('alpha'), beta: ok('beta'), gamma: ok('gamma'), delta: ok('delta') });
  try {
    const idle = runCli(['build', 'status', '--json'], { cwd: repo.root }).json<{
      state: string;
      tasks: Array<{ id: string; status: string }>;
    }>();
    assert.is(idle.state, 'idle');
    assert.equal(
      idle.tasks.map((t) => t.status),
      ['ready', 'pending', 'pending', 'pending'],
    );
    const start = runCli(['build', 'start'], { cwd: repo.root });
    assert.is(start.code, 3, start.stderr);
    assert.match(start.stderr, /gate gamma/);
    assert.match(start.stderr, /br-guard build approve gamma/);
    const status = runCli(['build', 'status', '--json'], { cwd: repo.root });
    const paused = status.json<{
      state: string;
      gate: { id: string; message: string; since: string } | null;
      tasks: Array<{ id: string; status: string }>;
      lastCheckpoint: string | null;
    }>();
    assert.is(paused.state, 'paused');
    assert.equal(paused.gate && [paused.gate.id, paused.gate.message], ['gamma', 'Confirm the gamma schema']);
    assert.equal(Object.fromEntries(paused.tasks.map((t) => [t.id, t.status])), {
      alpha: 'done',
      beta: 'done',
      gamma: 'waiting',
      delta: 'pending',
    });
    assert.ok(paused.lastCheckpoint);
    assert.match(runCli(['build', 'status'], { cwd: repo.root }).stdout, /waiting at gate gamma/);
    assert.is(runCli(['build', 'resume'], { cwd: repo.root }).code, 3, 'still waiting');
    const approve = runCli(['build', 'approve', 'gamma', '--by', 'ann', '-m', 'schema ok'], { cwd: repo.root });
    assert.is(approve.code, 0, approve.stderr);
    const resume = runCli(['build', 'resume', '--json'], { cwd: repo.root });
    assert.is(resume.code, 0, resume.stderr);
    assert.is(resume.json<{ state: string }>().state, 'done');
    assert.ok(existsSync(join(repo.root, 'out/delta')));
    const state = JSON.parse(readFileSync(join(repo.root, '.buildrunner/build-state.json'), 'utf8'));
    assert.equal([state.gates[0].by, state.gates[0].note, state.gates[0].decision], ['ann', 'schema ok', 'approve']);
    const checkpoints = runCli(['build', 'checkpoints', '--json'], { cwd: repo.root }).json<Array<{ auto: boolean }>>();
    assert.ok(checkpoints.length >= 3 && checkpoints.every((c) => c.auto));
    assert.is(runCli(['build', 'task', 'alpha'], { cwd: repo.root }).code, 0);
    assert.is(runCli(['build', 'task', 'nope'], { cwd: repo.root }).code, 2);
  } finally {
    repo.cleanup();
  }
});

test('checkpoints save complete build state: rollback brings back the paused build with the work tree and index', () => {
  const repo = demoRepo({ alpha: ok('alpha'), beta: ok('beta'), gamma: ok('gamma'), delta: ok('delta') });
  try {
    assert.is(runCli(['build', 'start'], { cwd: repo.root }).code, 3);
    repo.write({ 'notes.txt': 'while paused\n' });
    repo.git('add', 'notes.txt');
    const saved = runCli(['build', 'checkpoint', 'at-gate', '-m', 'paused at gamma'], { cwd: repo.root });
    assert.is(saved.code, 0, saved.stderr);
    assert.is(runCli(['build', 'approve', 'gamma', '--by', 'ann'], { cwd: repo.root }).code, 0);
    assert.is(runCli(['build', 'resume'], { cwd: repo.root }).code, 0);
    repo.write({ 'notes.txt': 'after the build\n' });
    assert.is(runCli(['build', 'status', '--json'], { cwd: repo.root }).json<{ state: string }>().state, 'done');

    const back = runCli(['rollback', 'at-gate'], { cwd: repo.root });
    assert.is(back.code, 0, back.stderr);
    assert.match(back.stdout + back.stderr, /pre-rollback-\S+/);
    const status = runCli(['build', 'status', '--json'], { cwd: repo.root }).json<{ state: string; gate: { id: string } | null }>();
    assert.is(status.state, 'paused');
    assert.is(status.gate?.id, 'gamma');
    assert.is(readFileSync(join(repo.root, 'notes.txt'), 'utf8'), 'while paused\n');
    assert.is(repo.git('diff', '--cached', '--name-only').trim(), 'notes.txt');
    const listed = runCli(['build', 'checkpoints', '--json'], { cwd: repo.root }).json<
      Array<{ name: string; message: string; auto: boolean }>
    >();
    assert.ok(listed.some((c) => c.name === 'at-gate' && c.message === 'paused at gamma' && !c.auto));
  } finally {
    repo.cleanup();
  }
});

test('a failing task without a TTY: exit 1, state failed, dependents skipped; CI=true the same; bad --on-failure exit 2', () => {
  const repo = demoRepo({ alpha: { run: 'exit 5' }, beta: ok('beta'), gamma: ok('gamma'), delta: ok('delta') });
  try {
    for (const env of [{}, { CI: 'true' }]) {
      const start = runCli(['build', 'start', '--restart', '--json'], { cwd: repo.root, env });
      assert.is(start.code, 1, start.stderr);
      const report = start.json<{ state: string; gate: unknown; tasks: Array<{ id: string; status: string }> }>();
      assert.is(report.state, 'failed');
      assert.is(report.gate, null);
      assert.equal(
        report.tasks.map((t) => t.status),
        ['failed', 'skipped', 'skipped', 'skipped'],
      );
      assert.not.ok(existsSync(join(repo.root, 'out/beta')), 'a dependent never ran');
    }
    const status = runCli(['build', 'status'], { cwd: repo.root });
    assert.match(status.stdout, /beta  skipped \(not run: depends on alpha, which failed\)/);
    const gated = runCli(['build', 'start', '--restart', '--on-failure', 'gate'], { cwd: repo.root });
    assert.is(gated.code, 3, gated.stderr);
    const bad = runCli(['build', 'start', '--restart', '--on-failure', 'maybe'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.match(bad.stderr, /--on-failure: expected gate or fail, got "maybe"/);
  } finally {
    repo.cleanup();
  }
});

test('build.onFailure gate: exit 3 at its failure gate, reject → exit 1; --no-failure-gate fails at once; done marks a task', () => {
  const repo = demoRepo({ alpha: { run: 'exit 5' }, gamma: { gate: 'x' } }, { onFailure: 'gate' });
  try {
    const start = runCli(['build', 'start'], { cwd: repo.root });
    assert.is(start.code, 3, start.stderr);
    assert.match(start.stderr, /alpha:failure/);
    assert.is(runCli(['build', 'reject', 'alpha:failure'], { cwd: repo.root }).code, 0);
    const resumed = runCli(['build', 'resume'], { cwd: repo.root });
    assert.is(resumed.code, 1, resumed.stderr);
    // Resuming a failed build gives its failed tasks another attempt.
    const retried = runCli(['build', 'resume', '--json'], { cwd: repo.root });
    assert.is(retried.code, 3, retried.stderr);
    assert.is(retried.json<{ tasks: Array<{ attempts: number }> }>().tasks[0]!.attempts, 2);
    assert.is(runCli(['build', 'start'], { cwd: repo.root }).code, 2, 'a paused build is not started over by accident');
    const again = runCli(['build', 'start', '--restart', '--no-failure-gate', '--json'], { cwd: repo.root });
    assert.is(again.code, 1);
    const report = again.json<{ state: string; tasks: Array<{ id: string; status: string }> }>();
    assert.is(report.state, 'failed');
    assert.equal(
      report.tasks.map((t) => t.status),
      ['failed', 'skipped', 'skipped', 'skipped'],
    );
    assert.is(runCli(['build', 'done', 'alpha', '--by', 'me'], { cwd: repo.root }).code, 0);
    const status = runCli(['build', 'status', '--json'], { cwd: repo.root }).json<{ tasks: Array<{ id: string; status: string }> }>();
    assert.is(status.tasks[0]!.status, 'done');
    assert.is(status.tasks[1]!.status, 'ready');
    assert.is(runCli(['build', 'approve', 'nope'], { cwd: repo.root }).code, 2);
    assert.is(runCli(['build', 'start', '--concurrency', 'x'], { cwd: repo.root }).code, 2);
  } finally {
    repo.cleanup();
  }
});

const FILES_SPEC = `# PROJECT_SPEC: Files

## Features

### Feature: Alpha

**Files:**
- src/alpha.ts

### Feature: Beta

**Files:**
- src/beta.ts

**Dependencies:**
- Requires Alpha
`;

test('tasks without run: done when gap analysis finds the feature complete, else they wait until it is', () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'PROJECT_SPEC.md': FILES_SPEC, 'src/alpha.ts': 'export function alpha(a: number): number {\n  return a * 2 + 1;\n}\n' },
  });
  try {
    const start = runCli(['build', 'start', '--json'], { cwd: repo.root });
    assert.is(start.code, 3, start.stderr);
    const paused = start.json<{ tasks: Array<{ id: string; status: string }>; gate: { id: string } }>();
    assert.equal(
      paused.tasks.map((t) => t.status),
      ['done', 'waiting'],
    );
    assert.is(paused.gate.id, 'beta:incomplete');
    repo.write({ 'src/beta.ts': 'export function beta(b: number): number {\n  return b - 3;\n}\n' });
    const resumed = runCli(['build', 'resume'], { cwd: repo.root });
    assert.is(resumed.code, 0, resumed.stderr);
  } finally {
    repo.cleanup();
  }
});

/** Whether a process is still alive after up to 2 s (killed ones are reaped quickly); kills leftovers. */
async function stillAlive(pid: number): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(pid, 'SIGKILL');
  return true;
}

test('SIGTERM (or Ctrl-C) stops the running tasks, saves the state, exits 130; resume finishes', async () => {
  const sleeper = node(`require('fs').writeFileSync('started',String(process.pid));setTimeout(()=>{},60000)`);
  const repo = demoRepo({ alpha: { run: sleeper } });
  try {
    const child = spawn(process.execPath, [CLI, 'build', 'start'], {
      cwd: repo.root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 200 && !existsSync(join(repo.root, 'started')); i++) await new Promise((r) => setTimeout(r, 50));
    const taskPid = Number(readFileSync(join(repo.root, 'started'), 'utf8'));
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', (c) => r(c)));
    assert.is(code, 130);
    assert.not.ok(await stillAlive(taskPid), 'the task process was killed too');
    const status = runCli(['build', 'status', '--json'], { cwd: repo.root }).json<{ state: string; tasks: Array<{ status: string }> }>();
    assert.is(status.state, 'paused');
    assert.is(status.tasks[0]!.status, 'ready');
    // `build task` passes the signal on as well.
    rmSync(join(repo.root, 'started'));
    const single = spawn(process.execPath, [CLI, 'build', 'task', 'alpha'], {
      cwd: repo.root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 200 && !existsSync(join(repo.root, 'started')); i++) await new Promise((r) => setTimeout(r, 50));
    single.kill('SIGINT');
    assert.is(await new Promise((r) => single.once('exit', (c) => r(c))), 130);
    assert.not.ok(await stillAlive(Number(readFileSync(join(repo.root, 'started'), 'utf8'))), 'the task process was killed too');
  } finally {
    repo.cleanup();
  }
});

test.run();
