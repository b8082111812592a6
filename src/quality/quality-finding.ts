import { fingerprint, type Finding, type Severity } from '../domain/findings.js';

export interface QualityFindingInput {
  check: string;
  rule: string;
  severity: Severity;
  file: string | null;
  line?: number | null;
  column?: number | null;
  message: string;
  /** What identifies the finding beyond file and rule (a line's trimmed text, a symbol). */
  key?: string;
}

/**
 * Builds a quality `Finding` with a fingerprint that survives line moves. Its status is `new`
 * until the run judges it: hold-the-line (`assembleResult`) makes it `old` on an untouched line.
 */

export function qualityFinding(input: QualityFindingInput): Finding {
  return {
    system: 'quality',
    check: input.check,
    rule: input.rule,
    severity: input.severity,
    file: input.file,
    line: input.line ?? null,
    column: input.column ?? null,
    message: input.message,
    fingerprint: fingerprint(['quality', input.check, input.rule, input.file, input.key ?? input.message]),
    status: 'new',
  };
}

/** The trimmed text of a 1-based line, the usual fingerprint key. */
export function lineKey(text: string, line: number | null | undefined): string {
  if (!line) return '';
  return (text.split('\n')[line - 1] ?? '').trim();
}
