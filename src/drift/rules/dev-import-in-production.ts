import { normalizeNpmName } from '../deps/dependency.js';
import { sourceLanguage } from '../imports/source-language.js';
import type { DriftRule, RawViolation } from './drift-rule.js';
import { npmPackageOf } from '../imports/package-specifier.js';
import { isFixture, isShippedFile, npmManifests } from './package-imports.js';

/**
 * A devDependency imported at run time from a file that ships (not a test, config, script,
 * bench, story, example or doc): installed for development only, it is missing where the
 * package runs. Type-only imports are erased, so they are fine. The manifest that decides is the
 * nearest package.json that declares the package.
 */
export const devImportInProduction: DriftRule = {
  id: 'dev-import-in-production',
  defaultLevel: 'error',
  description: 'a devDependency imported at run time from a file that ships',
  check(analysis) {
    const violations: RawViolation[] = [];
    const seen = new Set<string>();
    const npm = npmManifests(analysis);
    for (const edge of analysis.addedEdges) {
      if (
        (edge.to !== null && !edge.viaPackage) ||
        edge.alias ||
        edge.typeOnly ||
        isFixture(edge.from) ||
        sourceLanguage(edge.from) !== 'js' ||
        !isShippedFile(edge.from)
      )
        continue;
      const name = npmPackageOf(edge.specifier);
      if (!name) continue;
      const normalized = normalizeNpmName(name);
      const manifest = npm.forFile(edge.from).find((file) => npm.declared(file).has(normalized));
      const dependency = manifest ? npm.declared(manifest).get(normalized) : undefined;
      if (!manifest || !dependency?.dev) continue;
      const key = `${edge.from} -> ${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      violations.push({
        file: edge.from,
        line: edge.line,
        key,
        message: `${edge.from} ships but imports "${name}", a devDependency of ${manifest}: move it to dependencies (npm install ${name}), make the import type-only, or keep it to tests and scripts`,
      });
    }
    return violations;
  },
};
