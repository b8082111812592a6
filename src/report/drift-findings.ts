import { fingerprint, type Finding } from '../domain/findings.js';
import type { DriftViolation } from '../drift/types.js';

/** What the conversion reads of a violation; `key` may be absent where a caller kept only the contract's fields. */
export type DriftViolationInput = Pick<DriftViolation, 'rule' | 'severity' | 'file' | 'line' | 'message' | 'baselined'> & {
  key?: string;
};

/** Drift violations in the one findings model, for the shared reporters (SARIF). Baselined ones are left out. */
export function driftFindings(result: { violations: readonly DriftViolationInput[] }): Finding[] {
  return result.violations
    .filter((v) => !v.baselined)
    .map((v) => ({
      system: 'drift',
      check: 'drift',
      rule: v.rule,
      severity: v.severity,
      file: v.file,
      line: v.line,
      column: null,
      message: v.message,
      // The key names what the violation is about, so the fingerprint survives line moves.
      fingerprint: fingerprint(['drift', v.rule, v.key ?? `${v.file ?? ''}\u0000${v.message}`]),
    }));
}
