import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { DriftRule, RawViolation } from './drift-rule.js';
import { ancestorDirs } from './package-imports.js';

/** A module's entry: its index file, which a folder import resolves to. */
const ENTRY = /^index\.(?:[cm]?[jt]sx?)$/;

/**
 * An import that reaches into a module past its entry. `architecture.modules` names module
 * folders (`src/features/*`); code outside a module imports its `index.ts` (or the folder, which
 * resolves to it), never another of its files. With modules configured, `internal/` folders are
 * private as in Go: `a/internal/x.ts` is for the files under `a/` only, even through an index.
 * Imports within a module are free.
 */
export const internalImport: DriftRule = {
  id: 'internal-import',
  defaultLevel: 'error',
  description:
    "an import of a module's file other than its entry (architecture.modules), or of an internal/ folder from outside its parent",
  check(analysis) {
    const globs = analysis.config.architecture.modules;
    if (globs.length === 0) return [];
    const moduleOf = createModuleIndex(globs);
    const violations: RawViolation[] = [];
    const seen = new Set<string>();
    for (const edge of analysis.addedEdges) {
      if (!edge.to) continue;
      const why = privateReason(edge.from, edge.to, moduleOf);
      if (!why) continue;
      const key = `${edge.from} -> ${edge.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      violations.push({ file: edge.from, line: edge.line, key, message: `${key}: ${why}` });
    }
    return violations;
  },
};

/** Why `to` is private to `from`, or null when `from` may import it. */
function privateReason(from: string, to: string, moduleOf: (file: string) => string | null): string | null {
  const internal = internalParent(to);
  if (internal !== null && !inside(from, internal)) {
    const owner = internal === '' ? 'the repository root' : `${internal}/`;
    return `${to} is inside ${internal === '' ? '' : `${internal}/`}internal/, which only the files under ${owner} may import: use what ${owner} exports instead`;
  }
  const module = moduleOf(to);
  if (module === null || inside(from, module)) return null;
  if (posix.dirname(to) === module && ENTRY.test(posix.basename(to))) return null;
  return `${to} is inside module ${module} (architecture.modules), which others import only through its entry: import "${module}" (its index) and export what is needed from there`;
}

/**
 * The folder whose `internal/` holds `file`, or null. The innermost one: a file under it is under
 * every outer one's parent too.
 */
function internalParent(file: string): string | null {
  const parts = file.split('/');
  if (parts.length < 2) return null;
  const at = parts.lastIndexOf('internal', parts.length - 2);
  return at === -1 ? null : parts.slice(0, at).join('/');
}

function inside(file: string, dir: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/** The innermost module folder a file is in, or null; memoised per folder. */
export function createModuleIndex(globs: readonly string[]): (file: string) => string | null {
  const isModule = picomatch(globs as string[], { dot: true });
  const memo = new Map<string, string | null>();
  return (file) => {
    const dirs = ancestorDirs(file);
    for (let i = 0; i < dirs.length; i++) {
      const dir = dirs[i] as string;
      const known = memo.get(dir);
      if (known !== undefined) return known;
      if (dir !== '' && isModule(dir)) {
        for (const inner of dirs.slice(0, i + 1)) memo.set(inner, dir);
        return dir;
      }
    }
    for (const dir of dirs) memo.set(dir, null);
    return null;
  };
}
