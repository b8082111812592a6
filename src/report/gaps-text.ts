import type { GapReport } from '../gaps/types.js';
import type { ProgressEntry } from '../gaps/progress.js';

export interface TextOptions {
  color: boolean;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** `[██████░░░░]  60.0%` */
export function completionBar(completion: number, width = 20): string {
  const filled = Math.round((Math.max(0, Math.min(100, completion)) / 100) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${completion.toFixed(1).padStart(5)}%`;
}

/** Human report: per feature, its completion bar, unfinished items and gaps; then HTTP wiring gaps. */
export function gapsToText(report: GapReport, options: TextOptions): string {
  const { color } = options;
  const lines: string[] = [];
  const gapsByFeature = new Map<string | null, GapReport['gaps']>();
  for (const gap of report.gaps) gapsByFeature.set(gap.featureId, [...(gapsByFeature.get(gap.featureId) ?? []), gap]);
  for (const feature of report.features) {
    const tone = feature.completion >= 100 ? '32' : feature.completion >= 50 ? '33' : '31';
    lines.push(`${paint(color, '1', feature.name)}  ${paint(color, tone, completionBar(feature.completion))}`);
    for (const item of report.items.filter((entry) => entry.featureId === feature.id && entry.status !== 'done')) {
      const where = item.evidence[0] ? `  (${item.evidence[0].file}:${item.evidence[0].line})` : '';
      lines.push(`  ${paint(color, item.status === 'partial' ? '33' : '31', item.status.padEnd(7))} ${item.kind}: ${item.text}${where}`);
    }
    for (const gap of gapsByFeature.get(feature.id) ?? []) lines.push(formatGap(gap, color));
    lines.push('');
  }
  const unassigned = gapsByFeature.get(null) ?? [];
  if (unassigned.length > 0) {
    lines.push(paint(color, '1', 'Not tied to a feature'));
    for (const gap of unassigned) lines.push(formatGap(gap, color));
    lines.push('');
  }
  const skipped = report.skipped ?? [];
  if (skipped.length > 0) {
    lines.push(paint(color, '1', `Skipped (${skipped.length === 1 ? '1 file that does' : `${skipped.length} files that do`} not parse)`));
    for (const file of skipped) lines.push(`  ${file.file}:${file.line}  ${file.message}`);
    lines.push('');
  }
  const callers = report.endpoints.filter((endpoint) => endpoint.callers.length > 0).length;
  lines.push(
    `Endpoints: ${report.endpoints.length} served, ${callers} called from the client; calls: ${report.calls.length}, ${report.calls.filter((call) => !call.served).length} unserved${otherCallsNote(report)}.`,
  );
  lines.push(
    `${paint(color, '1', 'Overall')}  ${completionBar(report.completion)}  ${report.gaps.length} gap${report.gaps.length === 1 ? '' : 's'}  (${report.stats.scanned} files scanned, ${report.stats.parsed} parsed, ${report.stats.durationMs} ms)`,
  );
  if (report.gaps.length > 0) lines.push('Fix prompts: br-guard gaps --json (each gap has a "prompt"), or --markdown for a PR comment.');
  return `${lines.join('\n')}\n`;
}

function formatGap(gap: GapReport['gaps'][number], color: boolean): string {
  const where = gap.file ? `${gap.file}${gap.line ? `:${gap.line}` : ''}  ` : '';
  return `  ${paint(color, '36', gap.kind.padEnd(25))} ${where}${gap.message}`;
}

/** `gaps progress`: one line per recorded commit, with a bar on a terminal. */
export function progressToText(entries: readonly ProgressEntry[], options: { bars: boolean }): string {
  if (entries.length === 0) return 'No progress recorded yet: run `br-guard gaps` after a commit.\n';
  return `${entries
    .map(
      (entry) =>
        `${entry.at.slice(0, 19).replace('T', ' ')}  ${entry.commit.slice(0, 10)}  ${options.bars ? completionBar(entry.completion) : `${entry.completion.toFixed(1)}%`}`,
    )
    .join('\n')}\n`;
}

/** `, 3 from tests and other code that is not the UI` when such calls exist (they never count as the UI calling). */
function otherCallsNote(report: GapReport): string {
  const others = report.calls.filter((call) => call.caller !== undefined && call.caller !== 'ui').length;
  return others > 0 ? `, ${others} from tests and other code that is not the UI` : '';
}
