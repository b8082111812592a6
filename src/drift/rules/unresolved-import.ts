import { posix } from 'node:path';
import { sourceLanguage } from '../imports/source-language.js';
import type { DriftRule, RawViolation } from './drift-rule.js';
import { isRelativeSpecifier } from '../imports/package-specifier.js';
import { isFixture } from './package-imports.js';

/**
 * A JS/TS relative import or tsconfig `paths` alias that resolves to no file of the repository
 * (after the `.js` → `.ts` mapping, extensions and index files). A relative path that leaves the
 * repository is not judged.
 */
export const unresolvedImport: DriftRule = {
  id: 'unresolved-import',
  defaultLevel: 'error',
  description: 'a relative import or tsconfig paths alias that resolves to no file',
  check(analysis) {
    const violations: RawViolation[] = [];
    const seen = new Set<string>();
    for (const edge of analysis.addedEdges) {
      if (edge.to !== null || sourceLanguage(edge.from) === 'py' || isFixture(edge.from)) continue;
      const bare = edge.specifier.split(/[?#]/)[0] ?? edge.specifier;
      if (!edge.alias && !isRelativeSpecifier(bare)) continue;
      if (isRelativeSpecifier(bare) && escapesRepository(edge.from, bare)) continue;
      const key = `${edge.from} -> ${edge.specifier}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const what = edge.alias ? 'a tsconfig paths alias' : 'a relative import';
      violations.push({
        file: edge.from,
        line: edge.line,
        key,
        message: `${edge.from} imports "${edge.specifier}" (${what}), which resolves to no file: fix the path or add the file (tried the name as written, .js → .ts/.tsx, every JS/TS extension and index files)`,
      });
    }
    return violations;
  },
};

function escapesRepository(importer: string, specifier: string): boolean {
  const target = posix.normalize(posix.join(posix.dirname(importer), specifier));
  return target === '..' || target.startsWith('../');
}
