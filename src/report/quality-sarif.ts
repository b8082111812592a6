import type { QualityResult } from '../quality/types.js';
import { toSarif } from './sarif.js';

/** SARIF 2.1.0 for `quality check --sarif`: one run per check that ran, empty runs included. */
export function qualitySarif(result: QualityResult): object {
  const names = [
    ...new Set([...result.checks.filter((c) => c.status !== 'skipped').map((c) => c.name), ...result.findings.map((f) => f.check)]),
  ];
  return toSarif(names.map((tool) => ({ tool, findings: result.findings.filter((finding) => finding.check === tool) })));
}
