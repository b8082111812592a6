import type { GapReport } from '../gaps/types.js';

const KIND_TITLES: Record<string, string> = {
  'missing-file': 'Missing files',
  stub: 'Stubs',
  todo: 'TODO markers',
  'unimplemented-requirement': 'Unimplemented requirements',
  'missing-endpoint': 'Missing endpoints',
  'ui-disconnect': 'UI disconnects (served, never called)',
  'unserved-call': 'Unserved calls',
  'method-mismatch': 'Method mismatches',
  'missing-test': 'Missing tests',
};

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A report fit for a pull-request comment: completion table, gaps by kind, fix prompts folded. */
export function gapsToMarkdown(report: GapReport): string {
  const lines: string[] = [
    '## br-guard gap analysis',
    '',
    `**Completion: ${report.completion.toFixed(1)}%** · ${report.gaps.length} gap${report.gaps.length === 1 ? '' : 's'}`,
    '',
  ];
  if (report.features.length > 0) {
    lines.push('| Feature | Completion | Items done |', '| --- | ---: | ---: |');
    for (const feature of report.features) {
      const items = report.items.filter((item) => item.featureId === feature.id);
      const done = items.filter((item) => item.status === 'done').length;
      lines.push(`| ${escapeCell(feature.name)} | ${feature.completion.toFixed(1)}% | ${done}/${items.length} |`);
    }
    lines.push('');
  }
  if (report.gaps.length === 0) {
    lines.push('No gaps: every spec item has evidence in the code.');
    return `${lines.join('\n')}\n`;
  }
  const names = new Map(report.features.map((feature) => [feature.id, feature.name]));
  for (const [kind, title] of Object.entries(KIND_TITLES)) {
    const gaps = report.gaps.filter((gap) => gap.kind === kind);
    if (gaps.length === 0) continue;
    lines.push(`### ${title} (${gaps.length})`, '');
    for (const gap of gaps) {
      const where = gap.file ? ` — \`${gap.file}${gap.line ? `:${gap.line}` : ''}\`` : '';
      const feature = gap.featureId ? ` _(${names.get(gap.featureId) ?? gap.featureId})_` : '';
      lines.push(`- ${escapeCell(gap.message)}${where}${feature}`);
      lines.push(
        '  <details><summary>Fix prompt</summary>',
        '',
        '  ```text',
        ...gap.prompt.split('\n').map((line) => `  ${line.replace(/```/g, "'''")}`),
        '  ```',
        '  </details>',
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
