import type { DriftResult, DriftViolation } from '../drift/types.js';

const paint = (color: boolean, code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const marks: Record<DriftViolation['severity'], [string, number]> = { error: ['✖', 31], warning: ['⚠', 33], info: ['ℹ', 36] };

function scopeName(result: DriftResult): string {
  if (result.scope.kind === 'range') return `range ${result.scope.from}..${result.scope.to}`;
  return result.scope.kind === 'all' ? 'whole tree' : 'staged changes';
}

/** Human report: violations grouped by rule, baselined ones marked, then stale baseline entries and a verdict. */
export function driftText(result: DriftResult, options: { color: boolean }): string {
  const { color } = options;
  const lines: string[] = [];
  const byRule = new Map<string, DriftViolation[]>();
  for (const v of result.violations) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
  for (const [rule, violations] of byRule) {
    lines.push(paint(color, 1, `${rule} (${violations.length})`));
    for (const v of violations) {
      const [mark, code] = marks[v.severity];
      const where = v.file ? `${v.file}${v.line ? `:${v.line}` : ''}  ` : '';
      const note = v.baselined ? paint(color, 2, ' (baselined)') : '';
      lines.push(`  ${paint(color, v.baselined ? 2 : code, mark)} ${where}${v.message}${note}`);
    }
    lines.push('');
  }
  if (result.stale.length > 0) {
    lines.push(
      paint(
        color,
        1,
        `stale baseline entries (${result.stale.length}): fixed since recorded; run \`br-guard drift baseline --update\` to prune`,
      ),
    );
    for (const entry of result.stale) lines.push(`  - ${entry.rule}: ${entry.key}`);
    lines.push('');
  }
  const { errors, warnings, infos, baselined } = result.summary;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info`;
  const verdict = result.passed ? paint(color, 32, 'passed') : paint(color, 31, 'failed');
  lines.push(`drift (${scopeName(result)}): ${verdict} — ${counts}${baselined ? `, ${baselined} baselined` : ''}`);
  return `${lines.join('\n')}\n`;
}
