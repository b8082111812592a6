import { fingerprint, type Finding } from '../domain/findings.js';
import type { DriftViolation } from '../drift/types.js';

/**
 * Drift's one conversion into the findings model, for the shared reporters (check's JSON,
 * SARIF, markdown). A baselined violation stays, as `baselined`: it is known and accepted, not gone.
 */
export function driftFindings(result: { violations: readonly DriftViolation[] }): Finding[] {
  return result.violations.map((v) => ({
    system: 'drift',
    check: 'drift',
    rule: v.rule,
    severity: v.severity,
    file: v.file,
    line: v.line,
    column: null,
    message: v.message,
    // The key names what the violation is about, so the fingerprint survives line moves.
    fingerprint: fingerprint(['drift', v.rule, v.key]),
    status: v.baselined ? 'baselined' : 'new',
  }));
}
