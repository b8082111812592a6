import type { DriftResult } from '../drift/types.js';

const icons = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A pull-request comment: verdict, counts, one table per rule, stale baseline entries. */
export function driftMarkdown(result: DriftResult): string {
  const { errors, warnings, infos, baselined } = result.summary;
  const out = [
    `## Architecture drift: ${result.passed ? '✅ passed' : '❌ failed'}`,
    '',
    `${errors} error(s), ${warnings} warning(s), ${infos} info${baselined ? `, ${baselined} baselined` : ''}${result.specChanged ? ' — the spec changed in this change' : ''}.`,
    '',
  ];
  const c = result.changes;
  if (result.scope.kind !== 'all') {
    const deps = [...c.dependenciesAdded.map((d) => `+${d}`), ...c.dependenciesRemoved.map((d) => `-${d}`)];
    out.push(
      `Change: ${c.filesAdded} file(s) added, ${c.filesRemoved} removed, ${c.filesRenamed} renamed; ${c.importsAdded} import(s) added, ${c.importsRemoved} removed${deps.length ? `; dependencies ${deps.map((d) => `\`${d}\``).join(', ')}` : ''}${c.endpointsAdded.length ? `; endpoints added: ${c.endpointsAdded.map((e) => `\`${e}\``).join(', ')}` : ''}.`,
      '',
    );
  }
  const rules = [...new Set(result.violations.map((v) => v.rule))];
  for (const rule of rules) {
    out.push(`### \`${rule}\``, '', '| | Location | Message |', '|---|---|---|');
    for (const v of result.violations.filter((x) => x.rule === rule)) {
      const where = v.file ? `\`${cell(v.file)}${v.line ? `:${v.line}` : ''}\`` : '';
      out.push(`| ${icons[v.severity]}${v.baselined ? ' (baselined)' : ''} | ${where} | ${cell(v.message)} |`);
    }
    out.push('');
  }
  if (result.stale.length > 0) {
    out.push('### Stale baseline entries', '', 'Fixed since they were recorded; `br-guard drift baseline --update` prunes them.', '');
    for (const entry of result.stale) out.push(`- \`${entry.rule}\`: ${cell(entry.key)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
