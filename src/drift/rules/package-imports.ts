import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { Dependency } from '../deps/dependency.js';
import type { DriftAnalysis } from './drift-rule.js';

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

/** The folders a file sits in, nearest first, ending with the root (''). */
export function ancestorDirs(file: string): string[] {
  const dirs: string[] = [];
  let dir = posix.dirname(file);
  for (;;) {
    dirs.push(dir === '.' ? '' : dir);
    if (dir === '.' || dir === '/' || dir === '') break;
    dir = posix.dirname(dir);
  }
  return dirs;
}

/** npm manifests by folder: the package.json files and what each declares. */
export interface NpmManifests {
  /** The package.json files that apply to a file, nearest first (workspaces: the package's own, then the root's). */
  forFile(file: string): string[];
  declared(manifest: string): Map<string, Dependency>;
  /** The `name` of a package.json (a package may import itself by name). */
  nameOf(manifest: string): string | null;
}

export function npmManifests(analysis: DriftAnalysis): NpmManifests {
  const byDir = new Map<string, string>();
  const names = new Map<string, string | null>();
  for (const manifest of analysis.manifests) {
    if (posix.basename(manifest.file) !== 'package.json') continue;
    const dir = posix.dirname(manifest.file);
    byDir.set(dir === '.' ? '' : dir, manifest.file);
    names.set(manifest.file, manifest.name);
  }
  const declared = new Map<string, Map<string, Dependency>>();
  for (const dependency of analysis.allDependencies) {
    if (dependency.ecosystem !== 'npm') continue;
    let map = declared.get(dependency.file);
    if (!map) declared.set(dependency.file, (map = new Map()));
    map.set(dependency.name, dependency);
  }
  return {
    forFile: (file) => ancestorDirs(file).flatMap((dir) => byDir.get(dir) ?? []),
    declared: (manifest) => declared.get(manifest) ?? new Map(),
    nameOf: (manifest) => names.get(manifest) ?? null,
  };
}

const NOT_SHIPPED_DIRS =
  /(?:^|\/)(?:test|tests|__tests__|__mocks__|__fixtures__|spec|specs|e2e|fixtures|scripts|script|bench|benchmarks?|examples?|docs|stories|\.storybook|\.github|\.husky|tools)\//;
const NOT_SHIPPED_FILES =
  /\.(?:test|spec|stories|story|bench|e2e)\.[cm]?[jt]sx?$|(?:^|\/)[^/]*\.config\.[cm]?[jt]s$|(?:^|\/)\.[^/]+rc\.[cm]?js$|(?:^|\/)(?:jest|vitest|playwright|setupTests|test-setup)[^/]*\.[cm]?[jt]sx?$|(?:^|\/)(?:gulpfile|gruntfile)\.[cm]?js$/i;

/** Whether a file ships with the package: not a test, config, script, bench, story, example or doc. */
export function isShippedFile(file: string): boolean {
  return !NOT_SHIPPED_DIRS.test(file) && !NOT_SHIPPED_FILES.test(file);
}

/**
 * Test fixtures are sample projects (their imports and manifests stage a scenario), not code of
 * this package: the import rules do not judge them.
 */
export function isFixture(file: string): boolean {
  return /(?:^|\/)(?:fixtures|__fixtures__)\//.test(file);
}

/** `@types/node` for `node`, `@types/babel__core` for `@babel/core`. */
export function typesPackageOf(name: string): string {
  return `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
}
