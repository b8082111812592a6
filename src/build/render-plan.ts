import type { BuildPlan } from './plan-build.js';

/** `build plan --json` (CONTRACT.md), plus what the plan is weighted by. */
export function planJson(plan: BuildPlan): object {
  return {
    batches: plan.batches,
    criticalPath: plan.criticalPath,
    weightedBy: plan.weightedBy,
    tasks: plan.tasks.map((task) => ({
      id: task.id,
      name: task.name,
      dependsOn: task.dependsOn,
      gate: task.gate,
      run: task.run,
      weight: task.weight,
    })),
  };
}

/** Batches (what may run side by side) and the critical path, for people. */
export function planText(plan: BuildPlan): string {
  if (plan.tasks.length === 0) return 'No tasks: the spec has no features and build.tasks is empty.\n';
  const byId = new Map(plan.tasks.map((task) => [task.id, task]));
  const lines = [`${plan.tasks.length} tasks in ${plan.batches.length} batches`, ''];
  plan.batches.forEach((batch, index) => {
    lines.push(`Batch ${index + 1}${batch.length > 1 ? ` (${batch.length} in parallel)` : ''}:`);
    for (const id of batch) {
      const task = byId.get(id)!;
      const notes = [task.run ? `run: ${task.run}` : 'done when gap analysis finds it complete'];
      if (task.dependsOn.length) notes.push(`after ${task.dependsOn.join(', ')}`);
      if (task.gate) notes.push(`gate: ${task.gate}`);
      lines.push(`  - ${id}  (${notes.join('; ')})`);
    }
  });
  const unit = plan.weightedBy === 'durations' ? 'measured seconds' : 'complexity points';
  const total = plan.criticalPath.reduce((sum, id) => sum + (byId.get(id)?.weight ?? 0), 0);
  lines.push('', `Critical path (${round(total)} ${unit}): ${plan.criticalPath.join(' → ')}`);
  return `${lines.join('\n')}\n`;
}

/** A Mermaid flowchart; edges point from a dependency to the task that needs it. */
export function planMermaid(plan: BuildPlan): string {
  const critical = new Set(plan.criticalPath);
  const lines = ['flowchart TD'];
  for (const task of plan.tasks) lines.push(`  ${nodeId(task.id)}["${escapeMermaid(task.name)}"]`);
  for (const task of plan.tasks) for (const dep of task.dependsOn) lines.push(`  ${nodeId(dep)} --> ${nodeId(task.id)}`);
  if (critical.size) lines.push(`  classDef critical stroke-width:3px`, `  class ${[...critical].map(nodeId).join(',')} critical`);
  return `${lines.join('\n')}\n`;
}

/** Graphviz DOT, the critical path in bold. */
export function planDot(plan: BuildPlan): string {
  const critical = new Set(plan.criticalPath);
  const lines = ['digraph build {', '  rankdir=LR;'];
  for (const task of plan.tasks) {
    lines.push(`  ${quoteDot(task.id)} [label=${quoteDot(task.name)}${critical.has(task.id) ? ', penwidth=3' : ''}];`);
  }
  for (const task of plan.tasks) for (const dep of task.dependsOn) lines.push(`  ${quoteDot(dep)} -> ${quoteDot(task.id)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeId(id: string): string {
  return `t_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function escapeMermaid(text: string): string {
  return text.replace(/"/g, '#quot;');
}

function quoteDot(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
