import type { TaskStatus } from './build-state.js';
import type { BuildStatusReport } from './build-status.js';

const ORDER: TaskStatus[] = ['done', 'running', 'ready', 'waiting', 'pending', 'failed', 'skipped'];
const MARK: Record<TaskStatus, string> = { done: '✓', running: '▶', ready: '·', waiting: '⏸', pending: '·', failed: '✗', skipped: '↷' };

/** A bar of `width` cells, `part` of `whole` filled. */
export function progressBar(part: number, whole: number, width = 20): string {
  const filled = whole === 0 ? 0 : Math.round((part / whole) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** `build status` for people: a bar per state, each task, the waiting gate and how to answer it. */
export function statusText(report: BuildStatusReport): string {
  const total = report.tasks.length;
  const done = report.tasks.filter((task) => task.status === 'done' || task.status === 'skipped').length;
  const lines = [
    `build ${report.runId ?? '(none)'}: ${report.interrupted ? 'interrupted (its process is gone): `br-guard build resume` continues it' : report.state} — ${done}/${total} done`,
  ];
  for (const status of ORDER) {
    const count = report.tasks.filter((task) => task.status === status).length;
    if (count > 0) lines.push(`  ${status.padEnd(8)} ${progressBar(count, total)} ${count}`);
  }
  if (total > 0) lines.push('');
  for (const task of report.tasks) {
    const extra = [task.durationMs !== null ? `${(task.durationMs / 1000).toFixed(1)}s` : '', task.reason ?? ''].filter(Boolean).join(', ');
    lines.push(`  ${MARK[task.status]} ${task.id}  ${task.status}${extra ? ` (${extra})` : ''}`);
  }
  for (const gate of report.gates) {
    lines.push('', `waiting at gate ${gate.id} since ${gate.since}: ${gate.message}`);
    lines.push(...answerHints(gate.id, gate.kind));
  }
  lines.push('', `last checkpoint: ${report.lastCheckpoint ?? 'none'}`);
  return `${lines.join('\n')}\n`;
}

/** The commands that answer a gate. */
export function answerHints(id: string, kind: string): string[] {
  if (kind === 'failure') {
    return [
      `  retry: br-guard build approve ${id} && br-guard build resume`,
      `  skip:  br-guard build approve ${id} --skip && br-guard build resume`,
      `  abort: br-guard build reject ${id}`,
    ];
  }
  const done = kind === 'incomplete' ? [`  or:      br-guard build done ${id.replace(/:incomplete$/, '')}`] : [];
  return [
    `  approve: br-guard build approve ${id} [--by WHO] [-m NOTE] && br-guard build resume`,
    ...done,
    `  reject:  br-guard build reject ${id}`,
  ];
}
