import { fingerprint, type Finding } from '../domain/findings.js';
import type { Gap } from '../gaps/types.js';

/** What the conversion reads of a gap; `prompt` may be absent where a caller kept only the hooks' fields. */
export type GapInput = Pick<Gap, 'id' | 'featureId' | 'file' | 'line' | 'message'> & { kind: string; prompt?: string };

/**
 * Gaps in the one findings model: the rule is the gap kind, the fix is its prompt. A gap is a
 * warning: it blocks only under a completion bar, which is the gaps stage's verdict, not a finding's.
 */
export function gapFindings(report: { gaps: readonly GapInput[] }): Finding[] {
  return report.gaps.map((gap) => ({
    system: 'gaps',
    check: 'gaps',
    rule: gap.kind,
    severity: 'warning',
    file: gap.file,
    line: gap.line,
    column: null,
    message: gap.message,
    // A gap's id is already derived from what it is about, never from its line.
    fingerprint: fingerprint(['gaps', gap.kind, gap.id]),
    ...(gap.prompt ? { fix: { description: gap.prompt, ...(gap.file ? { file: gap.file } : {}) } } : {}),
  }));
}
