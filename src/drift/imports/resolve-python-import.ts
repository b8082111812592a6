import { posix } from 'node:path';
import type { RawImport } from './raw-import.js';
import { join } from './tsconfig-paths.js';

/**
 * Resolves Python imports to repository files: relative imports from the importer's package,
 * absolute ones from the places Python would find them in a checkout (the repo root, `src/`,
 * the folder above the importer's top package, and a script's own folder). `from pkg import
 * mod` names the submodule when one exists, else the package. Unresolved: a third-party module.
 */
export function createPythonResolver(files: ReadonlySet<string>) {
  const moduleFile = (dir: string): string | null => {
    if (files.has(`${dir}.py`)) return `${dir}.py`;
    if (files.has(`${dir}.pyi`)) return `${dir}.pyi`;
    if (files.has(`${dir}/__init__.py`)) return `${dir}/__init__.py`;
    return null;
  };
  const isPackage = (dir: string): boolean => files.has(`${dir}/__init__.py`);

  const rootsFor = (importer: string): string[] => {
    const own = posix.dirname(importer) === '.' ? '' : posix.dirname(importer);
    let top = own;
    while (top && isPackage(top)) top = posix.dirname(top) === '.' ? '' : posix.dirname(top);
    // A script's own folder is on sys.path; a package module's folder is not (Python 3 has no
    // implicit relative imports).
    return [...new Set(['', 'src', top, ...(isPackage(own) ? [] : [own])])];
  };

  const resolveIn = (base: string, modulePath: string, names: readonly string[] | undefined): string[] => {
    const moduleDir = join(base, modulePath.split('.').filter(Boolean).join('/'));
    const targets: string[] = [];
    for (const name of names ?? []) {
      const submodule = moduleFile(join(moduleDir, name));
      if (submodule) targets.push(submodule);
    }
    const own = moduleDir ? moduleFile(moduleDir) : null;
    if (own && targets.length < (names?.length ?? 0)) targets.push(own);
    if (own && !names) targets.push(own);
    return targets;
  };

  return (importer: string, raw: RawImport): string[] => {
    const dots = /^\.*/.exec(raw.specifier)?.[0].length ?? 0;
    if (dots > 0) {
      let base = posix.dirname(importer) === '.' ? '' : posix.dirname(importer);
      for (let level = 1; level < dots; level++) base = posix.dirname(base) === '.' ? '' : posix.dirname(base);
      const rest = raw.specifier.slice(dots);
      if (!rest) {
        // `from . import a`: each name is a module of this package, or a name in its __init__.
        const targets = (raw.names ?? []).map((name) => moduleFile(join(base, name))).filter((t): t is string => t !== null);
        const init = `${base ? `${base}/` : ''}__init__.py`;
        if (targets.length < (raw.names?.length ?? 0) && files.has(init) && init !== importer) targets.push(init);
        return targets;
      }
      return resolveIn(base, rest, raw.names);
    }
    for (const root of rootsFor(importer)) {
      const targets = resolveIn(root, raw.specifier, raw.names);
      if (targets.length > 0) return targets;
    }
    return [];
  };
}

export type PythonResolver = ReturnType<typeof createPythonResolver>;
