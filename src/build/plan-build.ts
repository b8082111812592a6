import { InputError } from '../domain/errors.js';
import type { BrGuardConfig, BuildTaskConfig } from '../config/types.js';
import type { Spec } from '../domain/spec.js';
import { TaskGraph } from '../domain/task-graph.js';

/** One task of the build: a feature of the spec, a `build.tasks` entry, or both. */
export interface PlanTask {
  id: string;
  name: string;
  /** The spec feature this task builds, or null for a task that only the config declares. */
  featureId: string | null;
  dependsOn: string[];
  /** A declared gate's message (`**Gate:**` or `build.tasks.<id>.gate`). */
  gate: string | null;
  /** The user's command line; null means "done when gap analysis finds the feature complete". */
  run: string | null;
  requires: { env: string[]; files: string[] };
  /** What the task produces (`build.tasks.<id>.outputs`). */
  outputs: string[];
  complexity: string | null;
  /** Weight on the critical path (complexity points or measured seconds). */
  weight: number;
  gateTimeout: number | null;
  gateDefault: 'approve' | 'reject' | null;
}

export interface BuildPlan {
  tasks: PlanTask[];
  batches: string[][];
  criticalPath: string[];
  /** What the critical path is weighted by. */
  weightedBy: 'complexity' | 'durations';
  /** Per task, the heaviest chain from it to the end: the executor's priority. */
  rank: ReadonlyMap<string, number>;
}

export interface PlanOptions {
  /** Absolute or display path of the config file, for error messages. */
  configFile?: string | null;
  /** Measured durations (ms) of earlier runs, by task id. */
  durations?: Record<string, number>;
}

const COMPLEXITY_WEIGHT: Record<string, number> = { simple: 1, low: 1, medium: 2, complex: 3, high: 3 };

/** Weight of a declared complexity: simple 1, medium 2, complex 3, anything else 1. */
export function complexityWeight(complexity: string | null): number {
  return COMPLEXITY_WEIGHT[(complexity ?? '').trim().toLowerCase()] ?? 1;
}

/**
 * Builds the task graph from the spec's features and `build.tasks`, checks it (unknown
 * dependencies, cycles), and computes batches and the critical path.
 */
export function planBuild(spec: Spec, config: BrGuardConfig, options: PlanOptions = {}): BuildPlan {
  const configFile = options.configFile ?? 'config';
  const entries = config.build.tasks;
  const tasks: PlanTask[] = spec.features.map((feature) => {
    for (const dep of feature.dependencyTexts) {
      if (dep.resolved === null) {
        throw new InputError(`feature "${feature.name}" depends on unknown feature "${dep.text}"`, { file: spec.file, line: dep.line });
      }
    }
    return taskFrom(feature.id, feature.name, feature.id, feature.dependsOn, feature.gate, feature.complexity, entries[feature.id]);
  });
  const featureIds = new Set(tasks.map((task) => task.id));
  for (const [id, entry] of Object.entries(entries)) {
    if (featureIds.has(id)) continue;
    if (!entry.run) {
      throw new InputError(`build.tasks.${id}: no feature "${id}" in ${spec.file} and no \`run\` command`, { file: configFile });
    }
    tasks.push(taskFrom(id, id, null, [], null, null, entry));
  }
  const known = new Set(tasks.map((task) => task.id));
  for (const task of tasks) {
    for (const dep of task.dependsOn) {
      if (!known.has(dep)) throw new InputError(`build.tasks.${task.id}.dependsOn: unknown task "${dep}"`, { file: configFile });
    }
  }
  // Indexed once: cycles, batches and the critical path all walk the same flat arrays.
  const graph = new TaskGraph(tasks);
  const cycle = graph.findCycle();
  if (cycle) throw cycleError(cycle, spec, config);
  const durations = options.durations ?? {};
  const measured = tasks.length > 0 && tasks.every((task) => typeof durations[task.id] === 'number');
  for (const task of tasks) task.weight = measured ? Math.max(durations[task.id]! / 1000, 0.001) : complexityWeight(task.complexity);
  // The graph's node i is tasks[i].
  const path = graph.criticalPath((_id, index) => tasks[index]!.weight);
  return {
    tasks,
    batches: graph.batches(),
    criticalPath: path.path,
    weightedBy: measured ? 'durations' : 'complexity',
    // A Map: an object with 100,000 keys costs more to build than the whole graph search.
    rank: path.rank,
  };
}

function taskFrom(
  id: string,
  name: string,
  featureId: string | null,
  specDeps: string[],
  specGate: string | null,
  complexity: string | null,
  entry: BuildTaskConfig | undefined,
): PlanTask {
  return {
    id,
    name,
    featureId,
    dependsOn: entry?.dependsOn?.length || specDeps.length > 1 ? [...new Set([...specDeps, ...(entry?.dependsOn ?? [])])] : [...specDeps],
    gate: entry?.gate ?? specGate,
    run: entry?.run?.trim() ? entry.run : null,
    requires: { env: entry?.requires?.env ?? [], files: entry?.requires?.files ?? [] },
    outputs: entry?.outputs ?? [],
    complexity,
    weight: 1,
    gateTimeout: entry?.gateTimeout ?? null,
    gateDefault: entry?.gateDefault ?? null,
  };
}

/** One line naming the whole cycle and the edges whose removal breaks it, with where each is declared. */
function cycleError(cycle: string[], spec: Spec, config: BrGuardConfig): InputError {
  const edges: string[] = [];
  for (let i = 0; i + 1 < cycle.length; i++) {
    const from = cycle[i]!;
    const to = cycle[i + 1]!;
    const feature = spec.features.find((f) => f.id === from);
    const specDep = feature?.dependencyTexts.find((dep) => dep.resolved === to);
    const where = specDep
      ? `${spec.file}:${specDep.line}`
      : config.build.tasks[from]?.dependsOn?.includes(to)
        ? `build.tasks.${from}.dependsOn`
        : spec.file;
    edges.push(`${from} → ${to} (${where})`);
  }
  const first = spec.features.find((f) => f.id === cycle[0]);
  return new InputError(
    `dependency cycle: ${cycle.join(' → ')}; remove one of these edges to break it: ${edges.join(', ')}`,
    first ? { file: spec.file, line: first.line } : { file: spec.file },
  );
}
