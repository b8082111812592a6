import picomatch from 'picomatch';
import { linesName } from '../spec/spec-diff.js';
import type { DriftRule, RawViolation } from './drift-rule.js';
import { isSourceFile } from './source-files.js';

/**
 * A new source file that the spec does not name: the "new feature without spec update". Files
 * the same change adds to the spec, and files `architecture.undocumentedAllowed` covers, pass.
 */
export const undocumentedFile: DriftRule = {
  id: 'undocumented-file',
  defaultLevel: 'error',
  description: 'a new source file that no feature’s Files and no File Structure entry names',
  check(analysis) {
    if (!analysis.spec) return [];
    const allowed = picomatch(analysis.config.architecture.undocumentedAllowed, { dot: true });
    const violations: RawViolation[] = [];
    for (const change of analysis.changes) {
      if (change.status !== 'added' && change.status !== 'renamed') continue;
      const path = change.path;
      if (!isSourceFile(path) || allowed(path) || analysis.specPaths.documents(path)) continue;
      if (linesName(analysis.specAddedLines, path)) continue;
      const why =
        analysis.scope.kind === 'all'
          ? 'is not named by the spec'
          : analysis.specChanged
            ? 'is new and the spec changes in this change do not name it'
            : 'is new and the spec was not updated in this change (new feature without spec update)';
      violations.push({
        file: path,
        line: null,
        key: path,
        message: `${path} ${why}: add it to a feature's **Files:** in ${analysis.spec.file} (or to File Structure), or allow it with architecture.undocumentedAllowed`,
      });
    }
    return violations;
  },
};
