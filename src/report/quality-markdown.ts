import type { QualityResult } from '../quality/types.js';
import { groupByFile } from './quality-text.js';

const statusNotes: Record<QualityResult['findings'][number]['status'], string> = {
  new: '',
  old: ' _(existing)_',
  baselined: ' _(baselined)_',
};

/** A Markdown report for pull-request comments and CI summaries. */
export function qualityMarkdown(result: QualityResult): string {
  const lines: string[] = [`## Quality: ${result.score} (${result.rating}) — ${result.passed ? '✅ passed' : '❌ failed'}`, ''];
  lines.push(`Scope: \`${result.scope}\`, ${result.filesChecked} files, ${result.linesChecked} lines.`, '');
  if (result.failures.length) lines.push(...result.failures.map((failure) => `- ${escape(failure)}`), '');
  lines.push(...dimensionTable(result), ...checkTable(result), ...findingList(result));
  return `${lines.join('\n').trimEnd()}\n`;
}

function dimensionTable(result: QualityResult): string[] {
  const rows = Object.entries(result.dimensions).map(
    ([name, d]) => `| ${name} | ${d.score} | ${d.rating} | ${d.findings} | ${d.minScore} |`,
  );
  return rows.length ? ['| Dimension | Score | Rating | Findings | Minimum |', '| --- | ---: | :---: | ---: | ---: |', ...rows, ''] : [];
}

function checkTable(result: QualityResult): string[] {
  const rows = result.checks.map((check) => `| ${check.name} | ${check.status} | ${check.durationMs} | ${escape(check.reason ?? '')} |`);
  return rows.length ? ['| Check | Status | Time (ms) | Reason |', '| --- | --- | ---: | --- |', ...rows, ''] : [];
}

function findingList(result: QualityResult): string[] {
  if (!result.findings.length) return [];
  const lines = ['### Findings', ''];
  for (const [file, findings] of groupByFile(result.findings)) {
    lines.push(`**${escape(file)}**`, '');
    for (const f of findings) {
      lines.push(
        `- ${f.line ?? '-'}:${f.column ?? '-'} **${f.severity}** \`${f.check}/${f.rule}\` ${escape(f.message)}${statusNotes[f.status]}`,
      );
    }
    lines.push('');
  }
  return lines;
}

function escape(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, (char) => `\\${char}`);
}
