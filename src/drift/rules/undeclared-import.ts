import { posix } from 'node:path';
import { normalizeNpmName, normalizePypiName } from '../deps/dependency.js';
import { importProvidedBy } from '../deps/python-import-names.js';
import { PYTHON_STDLIB } from '../deps/python-stdlib.js';
import { sourceLanguage } from '../imports/source-language.js';
import type { DriftAnalysis, DriftRule, RawViolation } from './drift-rule.js';
import { npmPackageOf } from '../imports/package-specifier.js';
import { ancestorDirs, isFixture, npmManifests, typesPackageOf } from './package-imports.js';

/**
 * A package imported in code that the nearest manifest does not declare. JS/TS: the package.json
 * files from the importer's folder up to the root (a workspace package's own, then the root's)
 * declare it in dependencies, devDependencies, peer or optional; a type-only import may be
 * covered by `@types/x` alone; Node built-ins, tsconfig aliases and relative imports are not
 * packages; a package may import itself by name. Python: `pyproject.toml` and `requirements*.txt`
 * from the importer's folder up, with import names mapped to distributions; the standard library
 * and the repository's own modules are not packages. Files no manifest covers are not judged.
 */
export const undeclaredImport: DriftRule = {
  id: 'undeclared-import',
  defaultLevel: 'error',
  description: 'a package imported in code but absent from the nearest package.json / Python manifest',
  check(analysis) {
    const violations: RawViolation[] = [];
    const seen = new Set<string>();
    const npm = npmManifests(analysis);
    const python = pythonManifests(analysis);
    for (const edge of analysis.addedEdges) {
      if ((edge.to !== null && !edge.viaPackage) || edge.alias || isFixture(edge.from)) continue;
      const language = sourceLanguage(edge.from);
      let found: { name: string; manifest: string; hint: string } | null = null;
      if (language === 'js') {
        const name = npmPackageOf(edge.specifier);
        const manifests = name ? npm.forFile(edge.from) : [];
        if (!name || manifests.length === 0) continue;
        const normalized = normalizeNpmName(name);
        const declares = (manifest: string): boolean => {
          const declared = npm.declared(manifest);
          return declared.has(normalized) || (edge.typeOnly && declared.has(typesPackageOf(normalized))) || npm.nameOf(manifest) === name;
        };
        if (manifests.some(declares)) continue;
        found = { name, manifest: manifests[0] as string, hint: `npm install ${name}` };
      } else if (language === 'py') {
        const top = edge.specifier.startsWith('.') ? null : edge.specifier.split('.')[0];
        if (!top || PYTHON_STDLIB.has(top) || python.local.has(top)) continue;
        const covering = python.forFile(edge.from);
        if (!covering || importProvidedBy(top, covering.declared)) continue;
        found = { name: top, manifest: covering.manifest, hint: `add the distribution that provides "${top}"` };
      }
      if (!found) continue;
      const key = `${edge.from} -> ${found.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      violations.push({
        file: edge.from,
        line: edge.line,
        key,
        message: `${edge.from} imports "${found.name}", which ${found.manifest} does not declare: ${found.hint} (it works today only if something else installed it), or remove the import`,
      });
    }
    return violations;
  },
};

const PYTHON_MANIFEST = /(?:^|\/)(?:pyproject\.toml|requirements[^/]*\.(?:txt|in)|requirements\/[^/]+\.(?:txt|in))$/;
/** Manifests this rule does not read: a folder with one of these is not judged. */
const OTHER_PYTHON_MANIFESTS = new Set(['setup.py', 'setup.cfg', 'Pipfile']);

function pythonManifests(analysis: DriftAnalysis) {
  // The folder a manifest covers: its own, or the parent of a `requirements/` folder.
  const byDir = new Map<string, { manifest: string; declared: Set<string> }>();
  const dirOf = (file: string): string => {
    const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    return posix.basename(dir) === 'requirements' && !file.endsWith('pyproject.toml')
      ? posix.dirname(dir) === '.'
        ? ''
        : posix.dirname(dir)
      : dir;
  };
  for (const manifest of analysis.manifests) {
    if (!PYTHON_MANIFEST.test(manifest.file)) continue;
    const dir = dirOf(manifest.file);
    if (!byDir.has(dir)) byDir.set(dir, { manifest: manifest.file, declared: new Set() });
  }
  const unread = new Set<string>();
  const local = new Set<string>();
  for (const file of analysis.files) {
    const base = posix.basename(file);
    if (OTHER_PYTHON_MANIFESTS.has(base)) unread.add(posix.dirname(file) === '.' ? '' : posix.dirname(file));
    if (!/\.pyi?$/.test(file)) continue;
    // Every folder that holds Python and every module name is the repository's own.
    for (const part of file.split('/').slice(0, -1)) local.add(part);
    local.add(base.replace(/\.pyi?$/, ''));
  }
  for (const dependency of analysis.allDependencies) {
    if (dependency.ecosystem === 'pypi') byDir.get(dirOf(dependency.file))?.declared.add(normalizePypiName(dependency.name));
  }
  return {
    local,
    /** Every manifest from the file's folder up, merged; null when none covers it or a manifest we do not read does. */
    forFile(file: string): { manifest: string; declared: Set<string> } | null {
      const dirs = ancestorDirs(file);
      if (dirs.some((dir) => unread.has(dir))) return null;
      const covering = dirs.flatMap((dir) => byDir.get(dir) ?? []);
      if (covering.length === 0) return null;
      return { manifest: (covering[0] as { manifest: string }).manifest, declared: new Set(covering.flatMap((c) => [...c.declared])) };
    },
  };
}
