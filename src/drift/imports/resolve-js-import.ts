import { posix } from 'node:path';
import { join, type TsPathsConfig } from './tsconfig-paths.js';

const extensions = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
/** NodeNext ESM imports name the emitted file (`./x.js`); the source is `./x.ts`. */
const sourceFor: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** The tsconfig that governs a file: the one in the deepest folder that contains it. */
export function nearestTsconfig(configs: readonly TsPathsConfig[]): (importer: string) => TsPathsConfig | undefined {
  const ordered = [...configs].sort((a, b) => b.dir.length - a.dir.length);
  return (importer) => ordered.find((config) => config.dir === '' || importer.startsWith(`${config.dir}/`));
}

/**
 * Resolves JS/TS import specifiers to repository files the way TypeScript and Node do for the
 * cases that matter to layering: relative paths, extension mapping, index files, tsconfig
 * `paths` and `baseUrl`. Returns null for packages and anything outside the repository.
 */
export function createJsResolver(files: ReadonlySet<string>, configs: readonly TsPathsConfig[]) {
  const configFor = nearestTsconfig(configs);

  const tryFile = (base: string): string | null => {
    if (files.has(base)) return base;
    const ext = posix.extname(base);
    for (const replacement of sourceFor[ext] ?? []) {
      const candidate = base.slice(0, -ext.length) + replacement;
      if (files.has(candidate)) return candidate;
    }
    for (const extension of extensions) if (files.has(base + extension)) return base + extension;
    for (const extension of extensions) if (files.has(`${base}/index${extension}`)) return `${base}/index${extension}`;
    return null;
  };

  return (importer: string, specifier: string): string | null => {
    const bare = specifier.split(/[?#]/)[0] ?? specifier;
    if (bare === '.' || bare === '..' || bare.startsWith('./') || bare.startsWith('../')) {
      const target = join(posix.dirname(importer), bare);
      return target.startsWith('..') ? null : tryFile(target);
    }
    if (bare.startsWith('/') || /^[a-z]+:/i.test(bare)) return null;
    const config = configFor(importer);
    if (!config) return null;
    for (const { pattern, targets } of config.paths) {
      const star = pattern.indexOf('*');
      let captured: string | null = null;
      if (star === -1) captured = pattern === bare ? '' : null;
      else if (bare.startsWith(pattern.slice(0, star)) && bare.endsWith(pattern.slice(star + 1)) && bare.length >= pattern.length - 1) {
        captured = bare.slice(star, bare.length - (pattern.length - star - 1));
      }
      if (captured === null) continue;
      for (const target of targets) {
        const resolved = tryFile(target.replace('*', captured));
        if (resolved) return resolved;
      }
    }
    return config.baseUrl !== null ? tryFile(join(config.baseUrl, bare)) : null;
  };
}

export type JsResolver = ReturnType<typeof createJsResolver>;

/**
 * Whether a bare specifier matches a tsconfig `paths` pattern of the importer's nearest tsconfig
 * (an alias of a repository file, not a package), whether or not a target exists.
 */
export function createAliasMatcher(configs: readonly TsPathsConfig[]) {
  const configFor = nearestTsconfig(configs);
  return (importer: string, specifier: string): boolean => {
    const config = configFor(importer);
    return (config?.paths ?? []).some(({ pattern }) => {
      const star = pattern.indexOf('*');
      if (star === -1) return pattern === specifier;
      return (
        specifier.startsWith(pattern.slice(0, star)) &&
        specifier.endsWith(pattern.slice(star + 1)) &&
        specifier.length >= pattern.length - 1
      );
    });
  };
}
