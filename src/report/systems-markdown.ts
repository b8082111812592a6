import { compareFindings, ruleName, type Finding } from '../domain/findings.js';
import type { ReportedSystem, SystemsReport } from '../domain/system-result.js';

/** Findings listed per system; a pull-request comment stays readable, the rest is one command away. */
export const MARKDOWN_FINDINGS_PER_SYSTEM = 20;

const verdicts: Record<ReportedSystem['status'], string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  error: '⛔ error',
  skipped: '➖ skipped',
};
const icons: Record<Finding['severity'], string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };
const rank: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
// What does not block says why; a new finding needs no note.
const statusNotes: Record<Finding['status'], string> = { new: '', old: ' (existing)', baselined: ' (baselined)' };
const statusRank: Record<Finding['status'], number> = { new: 0, old: 1, baselined: 2 };

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** One pull-request comment for a combined report: a table of systems, then each system's findings. */
export function systemsMarkdown(report: SystemsReport, max = MARKDOWN_FINDINGS_PER_SYSTEM): string {
  const lines = [
    `## br-guard check: ${report.passed ? '✅ passed' : `❌ failed (exit ${report.exitCode})`}`,
    '',
    '| System | Result | Summary | Findings |',
    '| --- | --- | --- | ---: |',
    ...report.stages.map((s) => `| ${s.system} | ${verdicts[s.status]} | ${cell(s.summary)} | ${s.findings.length} |`),
    '',
  ];
  for (const stage of report.stages) lines.push(...findingSection(stage, max));
  return `${lines.join('\n').trimEnd()}\n`;
}

function findingSection(stage: ReportedSystem, max: number): string[] {
  if (stage.findings.length === 0) return [];
  const count = stage.findings.length;
  const lines = [
    `### ${stage.system}: ${count} finding${count === 1 ? '' : 's'}`,
    '',
    '| | Location | Rule | Message |',
    '| --- | --- | --- | --- |',
  ];
  // New errors first, so the cap never hides what blocks behind a page of warnings or accepted findings.
  const shown = [...stage.findings]
    .sort((a, b) => statusRank[a.status] - statusRank[b.status] || rank[a.severity] - rank[b.severity] || compareFindings(a, b))
    .slice(0, max);
  for (const f of shown) {
    const where = f.file ? `\`${cell(f.file)}${f.line ? `:${f.line}` : ''}\`` : '';
    lines.push(`| ${icons[f.severity]}${statusNotes[f.status]} | ${where} | \`${cell(ruleName(f))}\` | ${cell(f.message)} |`);
  }
  if (count > max) lines.push('', `… and ${count - max} more: \`${stage.command}\``);
  lines.push('');
  return lines;
}
