import picomatch from 'picomatch';
import type { QualityStandards } from '../config/types.js';

type Gates = QualityStandards['gates'];

/** The gates that apply to one file: the defaults, then every matching override in order. */
export function gatesFor(path: string, standards: QualityStandards): Gates {
  let gates = { ...standards.gates };
  for (const override of standards.overrides) {
    if (picomatch.isMatch(path, override.files, { dot: true })) gates = { ...gates, ...override.gates };
  }
  return gates;
}

/** True when an exemption glob covers `path` for `check` (or for every check with `*`). */
export function isExempt(path: string, check: string, standards: QualityStandards): boolean {
  return standards.exemptions.some(
    (exemption) =>
      (exemption.checks.includes(check) || exemption.checks.includes('*')) && picomatch.isMatch(path, exemption.files, { dot: true }),
  );
}
