import { UsageError } from '../domain/errors.js';
import { pathExists } from '../adapters/file-system.js';
import { completeFeaturesByGapAnalysis, type BuildInputs } from './executor-deps.js';
import { missingRequirements } from './gates.js';
import { makeRunId } from './new-build-state.js';
import { planFor } from './start-build.js';
import { runTaskCommand } from './run-task-command.js';

export interface SingleTaskResult {
  id: string;
  ok: boolean;
  exitCode: number | null;
  durationMs: number;
  log: string | null;
  message: string;
}

/**
 * `build task <id>`: one task's step on its own, without the build state (each job of the
 * generated GitHub Actions workflow runs one). Its dependencies are the workflow's `needs:`.
 */
export async function runSingleTask(
  inputs: BuildInputs,
  id: string,
  options: {
    env?: NodeJS.ProcessEnv;
    echo?: (chunk: Buffer) => void;
    completeFeatures?: (ids: string[]) => Promise<Set<string>>;
    signal?: AbortSignal;
  } = {},
): Promise<SingleTaskResult> {
  const plan = await planFor(inputs);
  const task = plan.tasks.find((t) => t.id === id);
  if (!task) throw new UsageError(`unknown task "${id}" (tasks: ${plan.tasks.map((t) => t.id).join(', ') || 'none'})`);
  const env = options.env ?? process.env;
  const started = Date.now();
  const missing = await missingRequirements(task, env, (path) => pathExists(inputs.git.absolutePath(path)));
  if (missing.length > 0) return { id, ok: false, exitCode: null, durationMs: 0, log: null, message: `missing ${missing.join(', ')}` };
  if (!task.run) {
    const complete = await (options.completeFeatures ?? ((ids) => completeFeaturesByGapAnalysis(inputs, ids)))([task.featureId ?? id]);
    const ok = complete.has(task.featureId ?? id);
    return {
      id,
      ok,
      exitCode: null,
      durationMs: Date.now() - started,
      log: null,
      message: ok ? 'gap analysis finds the feature complete' : 'the feature is not complete (gap analysis)',
    };
  }
  const runId = `task-${makeRunId(new Date())}`;
  const log = `.buildrunner/logs/${runId}/${id.replace(/[^A-Za-z0-9._-]/g, '_')}.log`;
  const code = await runTaskCommand(inputs.git.root, task, log, {
    env,
    runId,
    ...(options.echo ? { echo: options.echo } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const message = code === 0 ? 'done' : `exited with code ${code} (log ${log})`;
  return { id, ok: code === 0, exitCode: code, durationMs: Date.now() - started, log, message };
}
