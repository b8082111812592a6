import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules);
/** An npm package name: optional scope, then a name (npm's rules, upper case tolerated for old packages). */
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i;

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * The npm package a JS/TS specifier imports (`@scope/name` of `@scope/name/sub`), or null when it
 * is not a package: relative or absolute paths, URLs and schemes (`node:`, `virtual:`), subpath
 * imports (`#internal`), Node's built-in modules, names npm would not accept (`@/x`, `~/x`).
 */
export function npmPackageOf(specifier: string): string | null {
  const bare = specifier.split(/[?#]/)[0] ?? '';
  if (!bare || isRelativeSpecifier(bare) || bare.startsWith('/') || specifier.startsWith('#') || /^[a-z][\w+.-]*:/i.test(bare)) return null;
  const parts = bare.split('/');
  const name = bare.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
  if (!PACKAGE_NAME.test(name) || BUILTINS.has(name) || BUILTINS.has(bare)) return null;
  return name;
}
