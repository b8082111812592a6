import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';

/** One diagnostic of `oxlint --format json` (the fields br-guard reads). */
interface OxlintDiagnostic {
  message: string;
  /** `plugin(rule)`, e.g. `eslint(no-debugger)`, `typescript(no-explicit-any)`; absent for a parse error. */
  code?: string;
  severity: 'error' | 'warning' | 'advice' | string;
  filename: string;
  labels?: { span: { line?: number; column?: number } }[];
}

/**
 * The rule name as br-guard's ESLint findings spell it: ESLint's core rules bare (`no-debugger`),
 * a plugin's rules prefixed (`typescript/no-explicit-any`), so a baseline or an exemption reads
 * the same for both engines.
 */
export function oxlintRule(code: string | undefined): string {
  if (!code) return 'syntax-error';
  const match = /^([\w-]+)\((.+)\)$/.exec(code);
  if (!match) return code;
  return match[1] === 'eslint' ? match[2]! : `${match[1]}/${match[2]}`;
}

/**
 * Maps oxlint's JSON report to findings, as the ESLint checker maps ESLint's messages: the same
 * severities, 1-based positions, the line's text in the fingerprint. `texts` holds the content
 * oxlint judged, by repo path (the shadow copy mirrors the repository's layout, so its
 * `filename`s are repo paths). A diagnostic on a file that was not asked for is dropped.
 */
export function oxlintFindings(stdout: string, texts: ReadonlyMap<string, string>): Finding[] {
  let report: { diagnostics?: OxlintDiagnostic[] };
  try {
    report = JSON.parse(stdout) as { diagnostics?: OxlintDiagnostic[] };
  } catch {
    throw new Error(`oxlint printed no JSON report: ${stdout.trim().split('\n')[0] ?? '(nothing)'}`);
  }
  const findings: Finding[] = [];
  for (const diagnostic of report.diagnostics ?? []) {
    const file = diagnostic.filename.replace(/\\/g, '/').replace(/^\.\//, '');
    const text = texts.get(file);
    if (text === undefined) continue;
    const span = diagnostic.labels?.[0]?.span;
    const line = span?.line ?? null;
    findings.push(
      qualityFinding({
        check: 'oxlint',
        rule: oxlintRule(diagnostic.code),
        // A parse error has no rule and must block, as ESLint's fatal messages do.
        severity: diagnostic.severity === 'error' || !diagnostic.code ? 'error' : 'warning',
        file,
        line,
        column: span?.column ?? null,
        message: diagnostic.message,
        key: `${lineKey(text, line)}\0${diagnostic.message}`,
      }),
    );
  }
  return findings;
}
