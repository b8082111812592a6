import { posix } from 'node:path';

const TS_SUFFIXES = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.jsx', '/index.mjs'];

/**
 * Resolves an import specifier to a repository file: relative TS/JS specifiers (with the
 * `.js`-means-`.ts` rule of NodeNext), `@/` and `~/` aliases to `src/`, and Python modules
 * (relative dots, or dotted names matched by path suffix, preferring the nearest package).
 */
export function resolveModule(fromFile: string, source: string, files: ReadonlySet<string>, pythonFiles: readonly string[]): string | null {
  if (fromFile.endsWith('.py')) return resolvePython(fromFile, source, files, pythonFiles);
  let base: string;
  if (source.startsWith('.')) base = posix.normalize(posix.join(posix.dirname(fromFile), source));
  else if (source.startsWith('@/') || source.startsWith('~/')) return firstExisting(aliasBases(fromFile, source.slice(2)), files);
  else return null;
  return firstExisting([base], files);
}

/**
 * `@/x` and `~/x` name `src/x` of the importer's own package: in a monorepo or a `frontend/`
 * folder that is the nearest `…/src` above the importer, then the repository's `src/`.
 */
function aliasBases(fromFile: string, rest: string): string[] {
  const bases: string[] = [];
  const parts = fromFile.split('/').slice(0, -1);
  for (let depth = parts.length; depth > 0; depth--) {
    const dir = parts.slice(0, depth).join('/');
    bases.push(parts[depth - 1] === 'src' ? `${dir}/${rest}` : `${dir}/src/${rest}`);
  }
  bases.push(`src/${rest}`, rest);
  return [...new Set(bases)];
}

function firstExisting(bases: string[], files: ReadonlySet<string>): string | null {
  for (const base of bases) {
    if (files.has(base)) return base;
    // Candidates made one at a time: most imports resolve at the first or second.
    const stripped = base.replace(/\.(?:js|jsx|mjs|cjs)$/, '');
    for (const suffix of TS_SUFFIXES) {
      const candidate = `${stripped}${suffix}`;
      if (files.has(candidate)) return candidate;
    }
  }
  return null;
}

function resolvePython(fromFile: string, source: string, files: ReadonlySet<string>, pythonFiles: readonly string[]): string | null {
  const dots = /^\.*/.exec(source)?.[0].length ?? 0;
  const rest = source.slice(dots).split('.').filter(Boolean).join('/');
  if (dots > 0) {
    let dir = posix.dirname(fromFile);
    for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
    const base = rest ? (dir === '.' ? rest : `${dir}/${rest}`) : dir;
    for (const candidate of [`${base}.py`, `${base}/__init__.py`]) if (files.has(candidate)) return candidate;
    return null;
  }
  if (!rest) return null;
  const bySuffix = suffixIndex(pythonFiles);
  const matches = [...(bySuffix.get(`${rest}.py`) ?? []), ...(bySuffix.get(`${rest}/__init__.py`) ?? [])];
  if (matches.length <= 1) return matches[0] ?? null;
  // The same dotted name under two roots: take the one that shares most folders with the importer.
  return [...matches].sort((a, b) => sharedPrefix(b, fromFile) - sharedPrefix(a, fromFile) || a.localeCompare(b))[0] ?? null;
}

const suffixIndexes = new WeakMap<readonly string[], Map<string, string[]>>();

/** Every path suffix (`b.py`, `a/b.py`, `x/a/b.py`) → the files that end with it, built once per file list. */
function suffixIndex(pythonFiles: readonly string[]): Map<string, string[]> {
  let index = suffixIndexes.get(pythonFiles);
  if (index) return index;
  index = new Map();
  for (const file of pythonFiles) {
    const parts = file.split('/');
    for (let i = 0; i < parts.length; i++) {
      const suffix = parts.slice(i).join('/');
      // Pushed, not copied: a common suffix (`__init__.py`) made this quadratic.
      const list = index.get(suffix);
      if (list) list.push(file);
      else index.set(suffix, [file]);
    }
  }
  suffixIndexes.set(pythonFiles, index);
  return index;
}

function sharedPrefix(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  let count = 0;
  while (count < left.length && left[count] === right[count]) count++;
  return count;
}
