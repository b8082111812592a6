import { fingerprint, type Finding } from '../domain/findings.js';
import type { SpecValidation } from '../domain/spec.js';

/** Spec validation in the one findings model: errors block (`spec-error`), warnings do not (`spec-warning`). */
export function specFindings(file: string, validation: Pick<SpecValidation, 'errors' | 'warnings'>): Finding[] {
  const finding = (rule: string, severity: Finding['severity'], line: number, message: string): Finding => ({
    system: 'spec',
    check: 'spec',
    rule,
    severity,
    file,
    line,
    column: null,
    message,
    // The message names the problem (a cycle, a feature); the line would move with every edit above it.
    fingerprint: fingerprint(['spec', rule, message]),
    // The spec has no baseline: what it gets wrong is always the current spec's to fix.
    status: 'new',
  });
  return [
    ...validation.errors.map((e) => finding('spec-error', 'error', e.line, e.message)),
    ...validation.warnings.map((w) => finding('spec-warning', 'warning', w.line, w.message)),
  ];
}
