import type { Judgement } from './evaluate-items.js';
import type { GapItem, GapReport } from './types.js';

/** The items `gaps --explain ITEM` means: an id, an id's last part, or words of the item's text. */
export function findItems(report: GapReport, query: string): GapItem[] {
  const wanted = query.trim().toLowerCase();
  const byId = report.items.filter((item) => item.id.toLowerCase() === wanted || item.id.toLowerCase().endsWith(`/${wanted}`));
  if (byId.length > 0) return byId;
  return report.items.filter((item) => item.text.toLowerCase().includes(wanted));
}

/** How one item was judged, in plain lines: its terms, the bar, the candidates with scores and why. */
export function explainItem(item: GapItem, judgement: Judgement | undefined): string[] {
  const lines = [`${item.id} (${item.kind}): ${item.text}`, `  status: ${item.status}`];
  if (!judgement) {
    if (item.kind === 'file')
      lines.push('  judged by path: the file the spec names exists (exact or by suffix), is not empty and is not a stub');
    else lines.push('  judged by what the text names explicitly (backticked identifiers, endpoints) or by the test suite');
    for (const evidence of item.evidence) lines.push(`  evidence: ${evidence.file}:${evidence.line}`);
    return lines;
  }
  lines.push(`  terms: ${judgement.terms.join(', ') || '(none)'}`);
  lines.push(`  bar: done ≥ ${judgement.bar.done}, partial ≥ ${judgement.bar.partial}; decided on ${judgement.score} (${judgement.scope})`);
  if (judgement.scope !== 'tests')
    lines.push(
      `  feature files: ${judgement.ownFiles.length > 0 ? judgement.ownFiles.join(', ') : '(none listed: the whole repository is searched)'}`,
    );
  lines.push(`  why: ${judgement.reason}`);
  if (judgement.candidates.length === 0) lines.push('  candidates: none share a term with the item');
  else lines.push('  candidates:');
  for (const candidate of judgement.candidates) {
    const flags = [candidate.own ? 'in Files' : '', candidate.hollow ? 'stub/empty' : ''].filter(Boolean).join(', ');
    lines.push(
      `    ${candidate.score.toFixed(3)}  ${candidate.label}  ${candidate.file}:${candidate.line}  matched ${candidate.matched.join(', ') || '-'} via ${candidate.source}${flags ? `  [${flags}]` : ''}`,
    );
  }
  for (const evidence of item.evidence)
    lines.push(
      `  evidence: ${evidence.file}:${evidence.line}${evidence.symbol ? ` ${evidence.symbol}` : ''}${evidence.score !== undefined ? ` score ${evidence.score}` : ''}`,
    );
  return lines;
}
