import { fingerprint, type Finding } from '../domain/findings.js';
import type { Gap } from '../gaps/types.js';

/**
 * Gaps in the one findings model: the rule is the gap kind, the fix is its prompt. A gap is a
 * warning: it blocks only under a completion bar, which is the gaps stage's verdict, not a finding's.
 * Every gap is `new`: the analyzer keeps no baseline, and what the spec asks for is never accepted as missing.
 */
export function gapFindings(report: { gaps: readonly Gap[] }): Finding[] {
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
    status: 'new',
    fix: { description: gap.prompt, ...(gap.file ? { file: gap.file } : {}) },
  }));
}
