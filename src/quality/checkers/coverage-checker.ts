import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { qualityFinding } from '../quality-finding.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';

const reports = ['coverage/coverage-summary.json', 'coverage.xml', 'coverage/cobertura-coverage.xml', 'coverage/coverage.xml'];

/**
 * The tests dimension: line coverage from an existing report (Istanbul/c8 json-summary or
 * Cobertura XML, as coverage.py and most CI tools write). It never runs the tests itself.
 */
export const coverageChecker: Checker = {
  name: 'coverage',
  engine: 'br-guard',
  dimension: 'tests',
  wholeRepoOnly: true,
  appliesTo: () => true,
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    for (const report of reports) {
      let text: string;
      try {
        text = await readFile(join(context.root, report), 'utf8');
      } catch {
        continue;
      }
      const pct = report.endsWith('.json') ? jsonSummaryPct(text) : coberturaPct(text);
      if (pct === null) return { findings: [], skipped: `${report} has no line coverage total` };
      const minimum = context.loaded.standards.gates.minCoverage;
      const findings =
        pct < minimum
          ? [
              qualityFinding({
                check: 'coverage',
                rule: 'coverage-below-minimum',
                severity: 'warning',
                file: report,
                message: `line coverage ${pct}% is below ${minimum}%`,
                key: 'coverage',
              }),
            ]
          : [];
      return { findings, measured: pct, note: `line coverage ${pct}% from ${report}` };
    }
    return {
      findings: [],
      skipped: 'no coverage report (write coverage/coverage-summary.json, e.g. c8 --reporter=json-summary, or coverage.xml)',
    };
  },
};

export function jsonSummaryPct(text: string): number | null {
  try {
    const pct = (JSON.parse(text) as { total?: { lines?: { pct?: unknown } } }).total?.lines?.pct;
    return typeof pct === 'number' ? pct : null;
  } catch {
    return null;
  }
}

export function coberturaPct(text: string): number | null {
  const rate = /<coverage\b[^>]*\bline-rate="([\d.]+)"/.exec(text)?.[1];
  return rate === undefined ? null : Math.round(Number(rate) * 1000) / 10;
}
