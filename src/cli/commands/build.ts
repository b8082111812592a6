import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { ExitCode } from '../../domain/exit-codes.js';
import { action } from '../action.js';
import type { CommandContext } from '../context.js';
import type { BuildState, GateDecision } from '../../build/build-state.js';
import type { BuildHooks } from '../../build/executor-deps.js';

/** `br-guard build …` and the top-level `br-guard rollback NAME`. */
export function registerBuildCommands(program: Command): void {
  const build = program.command('build').description('build orchestrator: plan, run, gates, checkpoints, rollback');

  build
    .command('plan')
    .description('batches and critical path of the build (text, --json, --mermaid, --dot, --github-actions)')
    .option('--mermaid', 'a Mermaid flowchart')
    .option('--dot', 'a Graphviz graph')
    .option('--github-actions', 'a GitHub Actions workflow with one job per task')
    .action(action(planAction));

  build.command('task <id>').description("run one task's step (what each job of --github-actions runs)").action(action(taskAction));

  for (const name of ['start', 'resume'] as const) {
    build
      .command(name)
      .description(name === 'start' ? 'start a new build run' : 'continue the saved build run')
      .option('--concurrency <n>', 'tasks at a time (default: config build.concurrency, else the number of cores)')
      .option('--continue', 'keep starting independent tasks after one fails')
      .option(
        '--on-failure <policy>',
        'gate (pause for retry/skip/abort, exit 3) or fail (exit 1); default: config build.onFailure, else gate on a TTY and fail otherwise',
      )
      .option('--no-failure-gate', 'the same as --on-failure fail')
      .option('--restart', 'start over even when a build is paused (start only)')
      .action(action((context, options) => runAction(context, options, name)));
  }

  build.command('status').description('state of the build, per task').action(action(statusAction));

  build
    .command('done <task>')
    .description('mark a task done by hand (a task without `run`)')
    .option('--by <who>', 'who says so')
    .option('-m, --message <note>', 'a note')
    .action(action((context, options, task: string) => answerAction(context, options, `${task}:incomplete`, 'approve')));

  build
    .command('approve <gate>')
    .description('approve a gate (on a failure gate: retry; with --skip: skip the task)')
    .option('--by <who>', 'who approves')
    .option('-m, --message <note>', 'a note kept with the answer')
    .option('--skip', 'on a failure gate: skip the failed task and go on')
    .action(action((context, options, gate: string) => answerAction(context, options, gate, options.skip ? 'skip' : 'approve')));

  build
    .command('reject <gate>')
    .description('reject a gate: its task fails')
    .option('--by <who>', 'who rejects')
    .option('-m, --message <note>', 'a note kept with the answer')
    .action(action((context, options, gate: string) => answerAction(context, options, gate, 'reject')));

  build
    .command('checkpoint <name>')
    .description('save HEAD, index, work tree and build state as refs/buildrunner/checkpoints/NAME')
    .option('-m, --message <msg>', 'what this checkpoint is')
    .action(action(checkpointAction));

  build.command('checkpoints').description('list checkpoints, oldest first').action(action(checkpointsAction));

  build.command('rollback <name>').description('restore a checkpoint (saves the current state first)').action(action(rollbackAction));
  program.command('rollback <name>').description('restore a checkpoint (same as `build rollback`)').action(action(rollbackAction));
}

async function inputs(context: CommandContext) {
  const [git, loaded, spec] = await Promise.all([context.git(), context.config(), context.spec()]);
  return { git, loaded, spec };
}

async function planAction(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const formats = ['json', 'mermaid', 'dot', 'githubActions'].filter((key) => options[key]);
  if (formats.length > 1) throw new UsageError('choose one of --json, --mermaid, --dot, --github-actions');
  const [{ planFor }, render, { planGithubActions }] = await Promise.all([
    import('../../build/start-build.js'),
    import('../../build/render-plan.js'),
    import('../../build/render-github-actions.js'),
  ]);
  const plan = await planFor(await inputs(context));
  if (context.json) context.stdout(JSON.stringify(render.planJson(plan), null, 2));
  else if (options.mermaid) context.stdout(render.planMermaid(plan));
  else if (options.dot) context.stdout(render.planDot(plan));
  else if (options.githubActions) context.stdout(await planGithubActions(plan));
  else context.stdout(render.planText(plan));
  return ExitCode.ok;
}

async function taskAction(context: CommandContext, _options: Record<string, unknown>, id: string): Promise<number> {
  const { runSingleTask } = await import('../../build/run-single-task.js');
  // The task runs in its own process group: Ctrl-C must reach it through us.
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  let result;
  try {
    result = await runSingleTask(await inputs(context), id, { echo: (chunk) => process.stderr.write(chunk), signal: controller.signal });
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  if (controller.signal.aborted) return 130;
  if (context.json) context.stdout(JSON.stringify(result, null, 2));
  else context.stderr(result.ok ? `✓ ${id}: ${result.message}` : `✗ ${id}: ${result.message}`);
  return result.ok ? ExitCode.ok : ExitCode.blocking;
}

async function runAction(context: CommandContext, options: Record<string, unknown>, mode: 'start' | 'resume'): Promise<number> {
  const [{ startBuild, resumeBuild, planFor }, terminal, { buildStatus }, { statusText }] = await Promise.all([
    import('../../build/start-build.js'),
    import('./build-terminal.js'),
    import('../../build/build-status.js'),
    import('../../build/render-status.js'),
  ]);
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new UsageError(`--concurrency: expected a whole number of at least 1, got "${String(options.concurrency)}"`);
  }
  const onFailure = failurePolicyFlag(options);
  const buildInputs = await inputs(context);
  const plan = await planFor(buildInputs);
  // Ctrl-C stops the build's tasks too (they run in their own process groups) and saves the state.
  const controller = new AbortController();
  const interrupt = () => {
    if (!controller.signal.aborted) context.stderr('interrupted: stopping running tasks; `br-guard build resume` continues');
    controller.abort();
  };
  const progress = terminal.progressReporter(context, plan.tasks.length);
  const io = { input: process.stdin, output: process.stderr, onInterrupt: interrupt };
  const hooks: BuildHooks = { onEvent: progress.onEvent };
  if (terminal.interactive(context)) {
    const ask = terminal.terminalAsk(await terminal.whoAnswers(context, undefined), io);
    hooks.ask = async (gate, choices) => {
      progress.suspend();
      try {
        return await ask(gate, choices);
      } finally {
        progress.resume();
      }
    };
  }
  const startOptions = {
    ...(concurrency !== undefined ? { concurrency } : {}),
    continueOnFailure: Boolean(options.continue),
    ...(onFailure ? { onFailure } : {}),
    restart: Boolean(options.restart),
    signal: controller.signal,
  };
  let state: BuildState;
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    state = mode === 'start' ? await startBuild(buildInputs, startOptions, hooks) : await resumeBuild(buildInputs, startOptions, hooks);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    progress.stop();
  }
  if (controller.signal.aborted) return 130;
  const report = buildStatus(state, plan, null);
  if (context.json) context.stdout(JSON.stringify(report, null, 2));
  else context.stderr(statusText(report));
  return state.state === 'done' ? ExitCode.ok : state.state === 'paused' ? ExitCode.paused : ExitCode.blocking;
}

function failurePolicyFlag(options: Record<string, unknown>): 'gate' | 'fail' | undefined {
  const value = options.onFailure;
  if (value !== undefined && value !== 'gate' && value !== 'fail') {
    throw new UsageError(`--on-failure: expected gate or fail, got "${String(value)}"`);
  }
  if (options.failureGate === false) {
    if (value === 'gate') throw new UsageError('--no-failure-gate contradicts --on-failure gate');
    return 'fail';
  }
  return value;
}

async function statusAction(context: CommandContext): Promise<number> {
  const [{ readBuildState }, { buildStatus }, { statusText }, { listCheckpoints }] = await Promise.all([
    import('../../build/build-state.js'),
    import('../../build/build-status.js'),
    import('../../build/render-status.js'),
    import('../../build/list-checkpoints.js'),
  ]);
  const git = await context.git();
  const state = await readBuildState(git.root);
  const checkpoints = await listCheckpoints(git);
  const plan = state ? null : await (await import('../../build/start-build.js')).planFor(await inputs(context));
  const report = buildStatus(state, plan, checkpoints.at(-1)?.name ?? null);
  if (context.json) context.stdout(JSON.stringify(report, null, 2));
  else context.stdout(statusText(report));
  return ExitCode.ok;
}

async function answerAction(
  context: CommandContext,
  options: Record<string, unknown>,
  gate: string,
  decision: GateDecision,
): Promise<number> {
  const [{ answerGate }, { whoAnswers }] = await Promise.all([import('../../build/answer-gate.js'), import('./build-terminal.js')]);
  const git = await context.git();
  const by = await whoAnswers(context, options.by);
  const note = typeof options.message === 'string' ? options.message : null;
  const result = await answerGate(git.root, gate, decision, { by, note });
  if (context.json) context.stdout(JSON.stringify(result.answer, null, 2));
  else {
    const next = result.recorded ? '; `br-guard build resume` continues the build' : '; the running build picks it up';
    context.stderr(`${result.answer.gate}: ${result.answer.decision} by ${by}${next}`);
  }
  return ExitCode.ok;
}

async function checkpointAction(context: CommandContext, options: Record<string, unknown>, name: string): Promise<number> {
  const { createCheckpoint } = await import('../../build/create-checkpoint.js');
  const git = await context.git();
  const message = typeof options.message === 'string' ? options.message : '';
  const saved = await createCheckpoint(git, { name, message, auto: false });
  if (context.json) context.stdout(JSON.stringify(saved, null, 2));
  else context.stdout(`checkpoint ${saved.name} (${saved.commit.slice(0, 12)})`);
  for (const file of saved.skipped)
    context.stderr(`left out (over build.checkpoints.maxUntrackedFileBytes): ${file.path} (${file.bytes} bytes)`);
  return ExitCode.ok;
}

async function checkpointsAction(context: CommandContext): Promise<number> {
  const { listCheckpoints } = await import('../../build/list-checkpoints.js');
  const list = await listCheckpoints(await context.git());
  if (context.json) context.stdout(JSON.stringify(list, null, 2));
  else if (list.length === 0) context.stdout('no checkpoints');
  else {
    for (const entry of list) {
      context.stdout(
        `${entry.createdAt}  ${entry.name}${entry.auto ? ' (auto)' : ''}  ${entry.commit.slice(0, 12)}${entry.message ? `  ${entry.message}` : ''}`,
      );
    }
  }
  return ExitCode.ok;
}

async function rollbackAction(context: CommandContext, _options: Record<string, unknown>, name: string): Promise<number> {
  const { rollback } = await import('../../build/rollback.js');
  const git = await context.git();
  const { config } = await context.config();
  const result = await rollback(git, name, {
    maxUntrackedFileBytes: config.build.checkpoints.maxUntrackedFileBytes,
    keepAutomatic: config.build.checkpoints.keepAutomatic,
    onSaved: (saved) => {
      const line = `saved the current state as checkpoint ${saved} (undo this rollback with \`br-guard rollback ${saved}\`)`;
      if (context.json) context.stderr(line);
      else context.stdout(line);
    },
  });
  if (context.json) context.stdout(JSON.stringify(result, null, 2));
  else {
    context.stdout(
      `rolled back to ${result.target}: ${result.written} files written, ${result.removed} removed${result.headMoves.length ? `, ${result.headMoves.join(', ')}` : ''}`,
    );
    for (const file of result.skipped) context.stderr(`not restored (over the size cap when saved): ${file.path} (${file.bytes} bytes)`);
  }
  return ExitCode.ok;
}
