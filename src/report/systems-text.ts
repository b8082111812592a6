import type { SystemsReport } from '../domain/system-result.js';

/** The combined report for a person (`br-guard check`): a line per system, what failed, and the verdict. */
export function systemsText(report: SystemsReport, options: { color: boolean }): string {
  const paint = (code: number, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const stage of report.stages) {
    const failed = stage.status === 'failed' || stage.status === 'error';
    const mark = stage.status === 'passed' ? paint(32, '✓') : failed ? paint(31, '✗') : paint(33, '-');
    lines.push(`${mark} ${stage.system.padEnd(8)} ${stage.summary}`);
    if (failed) {
      for (const detail of stage.details) lines.push(`    ${detail}`);
      lines.push(`    see more: ${stage.command}`);
    }
  }
  const verdict = report.passed
    ? report.complete
      ? 'br-guard check: passed'
      : 'br-guard check: passed what ran (see above)'
    : `br-guard check: failed (exit ${report.exitCode})`;
  lines.push(verdict);
  return lines.join('\n');
}
