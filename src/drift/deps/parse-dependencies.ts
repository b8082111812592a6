import type { Dependency } from './dependency.js';
import { parsePackageJson } from './parse-package-json.js';
import { parsePyproject } from './parse-pyproject.js';
import { parseRequirements } from './parse-requirements.js';

type ManifestParser = (file: string, text: string) => Dependency[];

/** The parser for a dependency manifest, or null when the file is not one. */
export function manifestParser(path: string): ManifestParser | null {
  // Called for every file of the tree: rule most out on the extension before splitting.
  if (!/\.(?:json|toml|txt|in)$/.test(path) || path.split('/').includes('node_modules')) return null;
  const name = path.split('/').pop() ?? '';
  if (name === 'package.json') return parsePackageJson;
  if (name === 'pyproject.toml') return parsePyproject;
  if (/^requirements.*\.(?:txt|in)$/.test(name) || /(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/.test(path)) return parseRequirements;
  return null;
}

/** Dependencies the after side declares and the before side did not (per manifest file). */
export function addedDependencies(before: readonly Dependency[], after: readonly Dependency[]): Dependency[] {
  const known = new Set(before.map((d) => `${d.file}\0${d.ecosystem}\0${d.name}`));
  return after.filter((d) => !known.has(`${d.file}\0${d.ecosystem}\0${d.name}`));
}
