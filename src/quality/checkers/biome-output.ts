import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';

/** One diagnostic of `biome lint --reporter=json` (the fields br-guard reads). */
interface BiomeDiagnostic {
  severity: 'fatal' | 'error' | 'warning' | 'information' | 'hint' | string;
  message: string;
  /** `lint/suspicious/noDebugger`, `parse`, `format`… */
  category?: string;
  location?: { path?: string | { file?: string }; start?: { line: number; column: number } };
  advices?: { text?: string }[];
}

/**
 * Maps Biome's JSON report to findings: the rule is Biome's category (`lint/suspicious/noDebugger`,
 * `parse` for a syntax error), `fatal`/`error` are errors, the rest warnings; a diagnostic with a
 * safe fix is fixable. `texts` holds the judged content by repo path (the shadow copy mirrors the
 * repository, so Biome's paths are repo paths); a diagnostic on another file is dropped.
 */
export function biomeFindings(stdout: string, texts: ReadonlyMap<string, string>): { findings: Finding[]; fixable: Set<string> } {
  // Biome prints its report as one JSON line; anything else on stdout is not the report.
  const line = stdout.split('\n').find((entry) => entry.startsWith('{"summary"'));
  let report: { diagnostics?: BiomeDiagnostic[] };
  try {
    report = JSON.parse(line ?? '') as { diagnostics?: BiomeDiagnostic[] };
  } catch {
    throw new Error(`biome printed no JSON report: ${stdout.trim().split('\n')[0] ?? '(nothing)'}`);
  }
  const findings: Finding[] = [];
  const fixable = new Set<string>();
  for (const diagnostic of report.diagnostics ?? []) {
    const raw = diagnostic.location?.path;
    const path = (typeof raw === 'string' ? raw : (raw?.file ?? '')).replace(/\\/g, '/').replace(/^\.\//, '');
    const text = texts.get(path);
    if (text === undefined) continue;
    const start = diagnostic.location?.start;
    const line = start && start.line > 0 ? start.line : null;
    const finding = qualityFinding({
      check: 'biome-lint',
      rule: diagnostic.category ?? 'biome',
      severity: diagnostic.severity === 'error' || diagnostic.severity === 'fatal' ? 'error' : 'warning',
      file: path,
      line,
      column: line === null ? null : (start?.column ?? null),
      message: diagnostic.message,
      key: `${lineKey(text, line)}\0${diagnostic.message}`,
    });
    if (diagnostic.advices?.some((advice) => advice.text?.startsWith('Safe fix'))) fixable.add(finding.fingerprint);
    findings.push(finding);
  }
  return { findings, fixable };
}
