import type { BuildPhase, BuildState, GateKind, TaskState } from './build-state.js';
import { openGates } from './build-state.js';
import type { BuildPlan, PlanTask } from './plan-build.js';
import { applyAnswers, decideGate, expireGates, gateApproved, gateChoices, missingRequirements, openGate } from './gates.js';
import type { ExecuteOptions, ExecutorDeps } from './executor-types.js';
import { currentProcessIdentity } from '../adapters/process-liveness.js';

export type { BuildEvent, ExecutorDeps, ExecuteOptions } from './executor-types.js';

/**
 * Runs the plan from the given state until it is done, failed, or paused at a gate. Tasks start
 * from a ready queue ordered by critical path as soon as their dependencies are done and a slot
 * is free; there is no batch lockstep. After a failure no new task starts; running ones finish;
 * dependents of a failed task never run.
 */
export async function executeBuild(plan: BuildPlan, state: BuildState, deps: ExecutorDeps, options: ExecuteOptions): Promise<BuildState> {
  return new BuildExecutor(plan, state, deps, options).run();
}

class BuildExecutor {
  private readonly tasks: Map<string, PlanTask>;
  private readonly running = new Map<string, Promise<void>>();
  private writes: Promise<void> = Promise.resolve();
  private checkpoints: Promise<void> = Promise.resolve();

  constructor(
    private readonly plan: BuildPlan,
    private readonly state: BuildState,
    private readonly deps: ExecutorDeps,
    private readonly options: ExecuteOptions,
  ) {
    this.tasks = new Map(plan.tasks.map((task) => [task.id, task]));
  }

  async run(): Promise<BuildState> {
    this.state.state = 'running';
    this.state.pid = process.pid;
    this.state.pidStartTime = currentProcessIdentity()?.startTime ?? null;
    await this.persist();
    await this.recheckSmartGates();
    for (;;) {
      await this.drain();
      if (await this.handleFailures()) continue;
      if (await this.waitForTimedGates()) continue;
      break;
    }
    await this.checkpoints;
    this.state.state = this.finalPhase();
    this.state.pid = null;
    this.state.pidStartTime = null;
    await this.persist();
    return this.state;
  }

  /**
   * Smart gates close by themselves once their reason is gone: a feature that gap analysis now
   * finds complete, inputs that are now present. Checked when a run (or resume) begins.
   */
  private async recheckSmartGates(): Promise<void> {
    const gates = openGates(this.state).filter(
      (gate) => (gate.kind === 'incomplete' || gate.kind === 'requires') && this.tasks.has(gate.taskId),
    );
    if (gates.length === 0) return;
    const featureOf = (id: string) => this.tasks.get(id)?.featureId ?? id;
    const manual = gates.filter((gate) => gate.kind === 'incomplete').map((gate) => featureOf(gate.taskId));
    const complete = manual.length > 0 ? await this.deps.completeFeatures(manual) : new Set<string>();
    for (const gate of gates) {
      const ready =
        gate.kind === 'incomplete'
          ? complete.has(featureOf(gate.taskId))
          : (await missingRequirements(this.tasks.get(gate.taskId)!, this.deps.env, this.deps.fileExists)).length === 0;
      if (!ready) continue;
      const note = gate.kind === 'incomplete' ? 'gap analysis finds the feature complete' : 'the required inputs are present';
      decideGate(this.state, gate, { gate: gate.id, decision: 'approve', by: 'br-guard', at: this.deps.now().toISOString(), note });
      if (gate.kind === 'incomplete') this.afterFinish();
    }
    await this.persist();
  }

  /** Schedules until nothing runs and nothing more can start. */
  private async drain(): Promise<void> {
    for (;;) {
      await this.foldAnswers();
      if (expireGates(this.state, this.deps.now()) > 0) await this.persist();
      const progressed = this.stopped() ? false : await this.schedule();
      if (this.running.size === 0 && !progressed) return;
      if (this.running.size > 0) await Promise.race(this.running.values());
    }
  }

  /** One pass over the ready queue. Returns true when a task changed state without running. */
  private async schedule(): Promise<boolean> {
    let progressed = false;
    const cleared: TaskState[] = [];
    for (const task of this.readyTasks()) {
      const outcome = await this.checkGates(task);
      if (outcome === 'clear') cleared.push(task);
      else if (outcome === 'changed') progressed = true;
    }
    const manual = cleared.filter((task) => !this.tasks.get(task.id)?.run);
    if (manual.length > 0) {
      progressed = (await this.settleManual(manual)) || progressed;
    }
    for (const task of cleared) {
      if (this.running.size >= this.options.concurrency || this.stopped()) break;
      if (this.tasks.get(task.id)?.run && task.status === 'pending') this.start(task);
    }
    return progressed;
  }

  /** Pending tasks whose dependencies are done or skipped, heaviest remaining chain first. */
  private readyTasks(): TaskState[] {
    const byId = new Map(this.state.tasks.map((task) => [task.id, task]));
    const rank = (id: string) => this.plan.rank.get(id) ?? 0;
    return this.state.tasks
      .filter((task) => task.status === 'pending' && !this.running.has(task.id))
      .filter((task) => task.dependsOn.every((dep) => ['done', 'skipped'].includes(byId.get(dep)?.status ?? '')))
      .sort((a, b) => rank(b.id) - rank(a.id) || a.id.localeCompare(b.id));
  }

  /** Declared gate, then required inputs. 'clear' = may run; 'wait' = a gate waits; 'changed' = answered at once. */
  private async checkGates(task: TaskState): Promise<'clear' | 'wait' | 'changed'> {
    const planTask = this.tasks.get(task.id)!;
    if (planTask.gate !== null && !gateApproved(this.state, task.id, 'declared')) {
      return this.raise(task, 'declared', planTask.gate);
    }
    const missing = await missingRequirements(planTask, this.deps.env, this.deps.fileExists);
    if (missing.length > 0) {
      return this.raise(task, 'requires', `task ${task.id} needs ${missing.join(', ')}: provide it, then approve`);
    }
    return 'clear';
  }

  private async raise(task: TaskState, kind: GateKind, message: string): Promise<'wait' | 'changed'> {
    const planTask = this.tasks.get(task.id)!;
    const timeout = kind === 'failure' ? { seconds: null, action: null } : { seconds: planTask.gateTimeout, action: planTask.gateDefault };
    const gate = openGate(this.state, task, kind, message, this.deps.now(), timeout);
    this.deps.onEvent?.({ type: 'gate', gate });
    await this.persist();
    const answer = this.deps.ask ? await this.deps.ask(gate, gateChoices(kind)) : null;
    if (!answer) return 'wait';
    decideGate(this.state, gate, answer);
    await this.persist();
    return 'changed';
  }

  /** Tasks without `run`: done when gap analysis finds their feature complete, else they wait. */
  private async settleManual(tasks: TaskState[]): Promise<boolean> {
    const features = tasks.map((task) => this.tasks.get(task.id)?.featureId ?? task.id);
    const complete = await this.deps.completeFeatures(features);
    let progressed = false;
    for (const task of tasks) {
      const feature = this.tasks.get(task.id)?.featureId ?? task.id;
      if (complete.has(feature)) {
        task.status = 'done';
        task.finishedAt = this.deps.now().toISOString();
        task.reason = 'gap analysis finds the feature complete';
        progressed = true;
        this.afterFinish();
        await this.persist();
      } else {
        const message = `feature ${feature} is not complete yet: build it, then run \`br-guard build done ${task.id}\` (or approve this gate)`;
        if ((await this.raise(task, 'incomplete', message)) === 'changed') progressed = true;
      }
    }
    return progressed;
  }

  private start(task: TaskState): void {
    const planTask = this.tasks.get(task.id)!;
    const started = this.deps.now();
    task.status = 'running';
    task.startedAt = started.toISOString();
    task.finishedAt = null;
    task.exitCode = null;
    task.reason = null;
    task.attempts += 1;
    task.log = `.buildrunner/logs/${this.state.runId}/${task.id.replace(/[^A-Za-z0-9._-]/g, '_')}.log`;
    this.deps.onEvent?.({ type: 'task-start', task: task.id, attempt: task.attempts });
    const done = (async () => {
      await this.persist();
      let code: number;
      try {
        code = await this.deps.runCommand(planTask, task.log!, this.options.signal);
      } catch (error) {
        code = 127;
        task.reason = error instanceof Error ? error.message : String(error);
      }
      this.finish(task, code, started);
      await this.persist();
    })().finally(() => this.running.delete(task.id));
    this.running.set(task.id, done);
  }

  private finish(task: TaskState, code: number, started: Date): void {
    const finished = this.deps.now();
    task.finishedAt = finished.toISOString();
    task.durationMs = finished.getTime() - started.getTime();
    task.exitCode = code;
    if (code !== 0 && this.interrupted()) {
      // Killed by Ctrl-C: not the task's failure; it runs again on resume.
      task.status = 'pending';
      task.exitCode = null;
      task.reason = 'interrupted; runs again on resume';
      return;
    }
    task.status = code === 0 ? 'done' : 'failed';
    if (code !== 0) task.reason ??= `exited with code ${code}`;
    else void this.deps.recordDuration(task.id, task.durationMs).catch(() => undefined);
    this.deps.onEvent?.({
      type: 'task-end',
      task: task.id,
      status: task.status,
      durationMs: task.durationMs,
      exitCode: code,
      log: task.log,
    });
    this.afterFinish();
  }

  /** Writes the automatic checkpoint of every batch that has just finished, one at a time. */
  private afterFinish(): void {
    const byId = new Map(this.state.tasks.map((task) => [task.id, task]));
    this.plan.batches.forEach((batch, index) => {
      if (this.state.checkpointedBatches.includes(index)) return;
      if (!batch.every((id) => ['done', 'skipped'].includes(byId.get(id)?.status ?? ''))) return;
      this.state.checkpointedBatches.push(index);
      this.checkpoints = this.checkpoints.then(() => this.checkpointBatch(index));
    });
  }

  private async checkpointBatch(index: number): Promise<void> {
    try {
      const name = await this.deps.checkpoint(`batch ${index + 1} of ${this.plan.batches.length} finished`, (chosen) => ({
        ...this.state,
        lastCheckpoint: chosen,
      }));
      this.state.lastCheckpoint = name;
      this.deps.onEvent?.({ type: 'checkpoint', name, batch: index });
      await this.persist();
    } catch (error) {
      this.deps.onEvent?.({
        type: 'warning',
        message: `automatic checkpoint failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  /** Opens a retry/skip/abort gate for each task that failed since its last failure gate. True when the build can go on. */
  private async handleFailures(): Promise<boolean> {
    if (this.options.failureGates === false || this.interrupted()) return false;
    let resumed = false;
    for (const task of this.state.tasks) {
      if (task.status !== 'failed' || task.exitCode === null || task.exitCode === 0) continue;
      const id = `${task.id}:failure`;
      if (this.state.gates.some((gate) => gate.id === id && gate.since >= (task.finishedAt ?? ''))) continue;
      const message = `task ${task.id} failed (${task.reason ?? 'failed'}; log ${task.log}): retry, skip or abort`;
      if ((await this.raise(task, 'failure', message)) === 'changed' && task.status !== 'failed') resumed = true;
    }
    return resumed;
  }

  /** Without a person to ask, a gate with a timeout is waited on: answers are polled until it expires. */
  private async waitForTimedGates(): Promise<boolean> {
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    while (!this.interrupted() && openGates(this.state).some((gate) => gate.timeoutAt !== null)) {
      await sleep(this.options.pollMs ?? 500);
      const before = openGates(this.state).length;
      await this.foldAnswers();
      expireGates(this.state, this.deps.now());
      if (openGates(this.state).length < before) {
        await this.persist();
        return true;
      }
    }
    return false;
  }

  private async foldAnswers(): Promise<void> {
    const answers = await this.deps.readAnswers();
    if (answers.length === 0) return;
    const used = applyAnswers(this.state, answers);
    for (const answer of answers) await this.deps.consumeAnswer(answer.gate);
    if (used.length > 0) {
      this.afterFinish();
      await this.persist();
    }
  }

  /** After a failure no new task starts (unless told to continue) until a person retries or skips it. */
  private stopped(): boolean {
    return this.interrupted() || (!this.options.continueOnFailure && this.state.tasks.some((task) => task.status === 'failed'));
  }

  private interrupted(): boolean {
    return this.options.signal?.aborted === true;
  }

  private finalPhase(): BuildPhase {
    if (openGates(this.state).length > 0 || this.interrupted()) return 'paused';
    return this.state.tasks.every((task) => task.status === 'done' || task.status === 'skipped') ? 'done' : 'failed';
  }

  /** State writes are serialised: each waits for the one before. */
  private persist(): Promise<void> {
    this.state.updatedAt = this.deps.now().toISOString();
    const snapshot = structuredClone(this.state);
    this.writes = this.writes.then(() => this.deps.saveState(snapshot));
    return this.writes;
  }
}
