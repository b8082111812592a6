import { posix } from 'node:path';
import type { Dependency } from '../deps/dependency.js';
import type { DriftAnalysis } from './drift-rule.js';

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
