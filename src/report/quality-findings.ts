import { fingerprint, type Finding } from '../domain/findings.js';
import type { QualityFinding } from '../quality/types.js';

/** What the conversion reads of a quality finding; hooks' fakes may carry no fingerprint. */
export type QualityFindingInput = Pick<QualityFinding, 'check' | 'rule' | 'severity' | 'file' | 'line' | 'message'> & {
  column?: number | null;
  fingerprint?: string;
};

/** Quality findings in the one findings model; the checker's own fingerprint is kept. */
export function qualityFindings(result: { findings: readonly QualityFindingInput[] }): Finding[] {
  return result.findings.map((f) => ({
    system: 'quality',
    check: f.check,
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column ?? null,
    message: f.message,
    fingerprint: f.fingerprint ?? fingerprint(['quality', f.check, f.rule, f.file, f.message]),
  }));
}
