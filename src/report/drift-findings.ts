import { fingerprint, type Finding } from '../domain/findings.js';
import type { DriftResult } from '../drift/types.js';

/** Drift violations in the one findings model, for the shared reporters (SARIF). Baselined ones are left out. */
export function driftFindings(result: DriftResult): Finding[] {
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
      fingerprint: fingerprint(['drift', v.rule, v.key]),
    }));
}
