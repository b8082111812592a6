import type { Finding } from '../domain/findings.js';
import type { QualityResult } from '../quality/types.js';
import { toSarif } from './sarif.js';

const helpUris: Record<string, string> = {
  eslint: 'https://eslint.org/docs/latest/rules/',
  ruff: 'https://docs.astral.sh/ruff/rules/',
};

/** SARIF 2.1.0 for a quality result: one run per check that ran, empty runs included. */
export function qualitySarif(result: QualityResult): object {
  const names = [
    ...new Set([...result.checks.filter((c) => c.status !== 'skipped').map((c) => c.name), ...result.findings.map((f) => f.check)]),
  ];
  return toSarif(
    names.map((tool) => ({
      tool,
      ...(helpUris[tool] ? { helpUri: helpUris[tool] } : {}),
      findings: result.findings
        .filter((finding) => finding.check === tool)
        .map(({ fixable, new: isNew, ...shared }): Finding => ({ system: 'quality', ...shared })),
    })),
  );
}
