import type { DriftRule, RawViolation } from './drift-rule.js';

const HOW = {
  deleted: 'deletes',
  emptied: 'empties',
  stubbed: 'replaces with a stub',
  hollowed: 'removes most of',
  unserved: 'stops serving',
  dangling: 'breaks',
  cut: 'cuts the part of',
} as const;

/**
 * A change that deletes, empties or stubs code gap analysis recorded as the evidence of a done
 * requirement (`.buildrunner/manifest.json`, `evidence`): the requirement's implementation is
 * going away while the spec still asks for it.
 */
export const removedImplementation: DriftRule = {
  id: 'removed-implementation',
  defaultLevel: 'error',
  description: 'a change deletes, empties or stubs the recorded implementation of a requirement',
  check(analysis) {
    const violations: RawViolation[] = [];
    for (const removed of analysis.removedImplementations ?? []) {
      const what = removed.symbol ? `${removed.symbol} in ${removed.file}` : removed.file;
      if (removed.use) {
        violations.push({
          file: removed.use.file,
          line: null,
          key: `${removed.itemId} ${removed.use.file} ${removed.use.name}`,
          message: `the change deletes ${removed.use.name} from ${removed.use.file}, which ${what} still calls to implement requirement "${removed.text}" (${removed.itemId}): restore it, or change the caller and the spec in the same change`,
        });
        continue;
      }
      violations.push({
        file: removed.file,
        line: removed.symbol && removed.what !== 'deleted' ? removed.line : null,
        key: `${removed.itemId} ${removed.file} ${removed.symbol ?? ''}`,
        message: `the change ${HOW[removed.what]} ${what}, which implements requirement "${removed.text}" (${removed.itemId}): restore it, or change the spec in the same change`,
      });
    }
    return violations;
  },
};
