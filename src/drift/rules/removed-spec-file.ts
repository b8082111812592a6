import type { DriftRule, RawViolation } from './drift-rule.js';

/** A file the spec requires, deleted (or renamed away) by the change, while the spec still names it. */
export const removedSpecFile: DriftRule = {
  id: 'removed-spec-file',
  defaultLevel: 'error',
  description: 'a file the spec requires, deleted',
  check(analysis) {
    if (!analysis.spec) return [];
    const violations: RawViolation[] = [];
    for (const change of analysis.changes) {
      const gone = change.status === 'deleted' ? change.path : change.status === 'renamed' ? change.from : undefined;
      if (!gone || !analysis.specPaths.requires(gone)) continue;
      const features = analysis.specPaths.featuresNaming(gone);
      const named =
        features.length > 0 ? `feature${features.length > 1 ? 's' : ''} ${features.map((f) => `"${f}"`).join(', ')}` : 'File Structure';
      const how = change.status === 'renamed' ? `was renamed to ${change.path}` : 'was deleted';
      violations.push({
        file: gone,
        line: null,
        key: gone,
        message: `${gone} ${how} but the spec requires it (${named}): restore it, or update ${analysis.spec.file} in the same change`,
      });
    }
    return violations;
  },
};
