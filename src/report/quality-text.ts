import type { QualityFinding, QualityResult } from '../quality/types.js';

export interface TextOptions {
  color: boolean;
}

const marks: Record<string, string> = { passed: '✓', failed: '✗', skipped: '-', error: '!' };

/** The human report: a table of checks, a score bar per dimension, findings grouped by file. */
export function qualityText(result: QualityResult, options: TextOptions = { color: false }): string {
  const paint = painter(options.color);
  const verdict = result.passed ? paint('green', 'passed') : paint('red', 'FAILED');
  const lines = [
    `Quality ${result.score} (${result.rating}) — ${verdict}  [${result.scope}: ${result.filesChecked} files, ${result.linesChecked} lines]`,
  ];
  if (result.fixed.length) lines.push(`Fixed ${result.fixed.length} file(s): ${result.fixed.join(', ')}`);
  for (const note of result.fixNotes) lines.push(`  note: ${note}`);
  if (result.baseline) lines.push(baselineLine(result.baseline));
  lines.push(...checkLines(result, paint), ...dimensionLines(result, paint), ...findingLines(result, paint));
  if (result.failures.length) lines.push('', 'Gate failed:', ...result.failures.map((failure) => `  - ${failure}`));
  return `${lines.join('\n')}\n`;
}

type Paint = (name: string, text: string) => string;

/** How many findings the baseline accepted (not blocking, not scored) and how many of its entries were fixed. */
export function baselineLine(baseline: NonNullable<QualityResult['baseline']>): string {
  const stale = baseline.stale.reduce((sum, entry) => sum + entry.count, 0);
  const fixed = stale ? `; ${stale} recorded finding(s) no longer found (stale: \`br-guard quality baseline --update\` prunes them)` : '';
  return `Baseline ${baseline.file}: ${baseline.baselined} of ${baseline.entries} recorded finding(s) still there, not blocking${fixed}`;
}

function checkLines(result: QualityResult, paint: Paint): string[] {
  if (!result.checks.length) return [];
  const width = Math.max(...result.checks.map((check) => check.name.length));
  return [
    '',
    'Checks',
    ...result.checks.map((check) => {
      const colour = check.status === 'passed' ? 'green' : check.status === 'skipped' ? 'dim' : 'red';
      const reason = check.reason ? `  ${check.reason}` : '';
      return `  ${paint(colour, `${marks[check.status]} ${check.name.padEnd(width)} ${check.status.padEnd(7)}`)} ${String(check.durationMs).padStart(6)} ms${reason}`;
    }),
  ];
}

function dimensionLines(result: QualityResult, paint: Paint): string[] {
  const dimensions = Object.entries(result.dimensions);
  if (!dimensions.length) return [];
  const width = Math.max(...dimensions.map(([name]) => name.length));
  return [
    '',
    'Dimensions',
    ...dimensions.map(([name, dimension]) => {
      const filled = Math.round(dimension.score / 5);
      const bar = '█'.repeat(filled) + '░'.repeat(20 - filled);
      const colour = dimension.score >= dimension.minScore ? 'green' : 'red';
      return `  ${name.padEnd(width)} ${paint(colour, bar)} ${dimension.score.toFixed(1).padStart(5)} ${dimension.rating}  (${dimension.findings} findings, min ${dimension.minScore})`;
    }),
  ];
}

function findingLines(result: QualityResult, paint: Paint): string[] {
  if (!result.findings.length) return [];
  const lines = ['', 'Findings'];
  for (const [file, findings] of groupByFile(result.findings)) {
    lines.push(`  ${file}`, ...findings.map((finding) => findingLine(finding, paint)));
  }
  return lines;
}

function findingLine(finding: QualityFinding, paint: Paint): string {
  const where = `${finding.line ?? '-'}:${finding.column ?? '-'}`.padEnd(8);
  const colour = finding.severity === 'error' ? 'red' : finding.severity === 'warning' ? 'yellow' : 'dim';
  // `old` (an untouched line) and `baselined` never block: said, so a reader knows why.
  const tags = [finding.status === 'new' ? '' : finding.status, finding.fixable ? 'fixable' : ''].filter(Boolean);
  return `    ${where} ${paint(colour, finding.severity.padEnd(7))} ${finding.check}/${finding.rule}  ${finding.message}${tags.length ? `  [${tags.join(', ')}]` : ''}`;
}

export function groupByFile(findings: QualityFinding[]): Map<string, QualityFinding[]> {
  const groups = new Map<string, QualityFinding[]>();
  for (const finding of findings) {
    const key = finding.file ?? '(project)';
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return groups;
}

const codes: Record<string, [number, number]> = { green: [32, 39], red: [31, 39], yellow: [33, 39], dim: [2, 22] };

function painter(color: boolean): Paint {
  return (name, text) => {
    const code = codes[name];
    return color && code ? `\u001b[${code[0]}m${text}\u001b[${code[1]}m` : text;
  };
}
