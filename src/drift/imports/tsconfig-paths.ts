import { posix } from 'node:path';
import { parseJsonc } from '../../domain/parse-jsonc.js';

/** The module-resolution part of one tsconfig.json, with every path made repo-relative. */
export interface TsPathsConfig {
  /** Folder of the tsconfig.json ('' for the repo root). */
  dir: string;
  /** `compilerOptions.baseUrl`, repo-relative, or null. */
  baseUrl: string | null;
  /** `compilerOptions.paths` patterns and their targets, repo-relative. */
  paths: Array<{ pattern: string; targets: string[] }>;
  /**
   * It (or a config it extends) extends a config that is not a file of the snapshot: a package
   * (`@tsconfig/svelte`) or a generated file (`./.svelte-kit/tsconfig.json`), whose `paths` only
   * resolution on disk can see.
   */
  extendsOutside: boolean;
}

interface RawCompilerOptions {
  baseUrl?: unknown;
  paths?: unknown;
}

/**
 * Reads every tsconfig.json of the tree (following relative `extends`), so imports in each
 * package of a monorepo resolve with that package's `paths` and `baseUrl`.
 */
export function readTsPathsConfigs(texts: Map<string, string | null>): TsPathsConfig[] {
  const configs: TsPathsConfig[] = [];
  for (const file of texts.keys()) {
    if (posix.basename(file) !== 'tsconfig.json') continue;
    const options = effectiveOptions(file, texts, new Set());
    const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    const baseUrl = typeof options.baseUrl === 'string' ? options.baseUrl : null;
    // Without baseUrl, `paths` targets are relative to the tsconfig that declares them.
    const pathsBase = baseUrl ?? options.pathsDir ?? dir;
    const paths: TsPathsConfig['paths'] = [];
    if (options.paths && typeof options.paths === 'object') {
      for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
        if (!Array.isArray(targets)) continue;
        paths.push({ pattern, targets: targets.filter((t): t is string => typeof t === 'string').map((t) => join(pathsBase, t)) });
      }
    }
    configs.push({ dir, baseUrl, paths, extendsOutside: options.extendsOutside === true });
  }
  return configs;
}

interface Effective {
  baseUrl?: string;
  paths?: unknown;
  pathsDir?: string;
  extendsOutside?: boolean;
}

function effectiveOptions(file: string, texts: Map<string, string | null>, seen: Set<string>): Effective {
  if (seen.has(file)) return {};
  seen.add(file);
  const text = texts.get(file);
  const json = text ? (parseJsonc(text) as { extends?: unknown; compilerOptions?: RawCompilerOptions } | null) : null;
  if (!json || typeof json !== 'object') return {};
  const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  let result: Effective = {};
  const parents = Array.isArray(json.extends) ? json.extends : [json.extends];
  for (const parent of parents) {
    if (typeof parent !== 'string') continue;
    const target = parent.startsWith('.') ? join(dir, parent.endsWith('.json') ? parent : `${parent}.json`) : null;
    if (target === null || !texts.has(target)) {
      result.extendsOutside = true;
      continue;
    }
    const inherited = effectiveOptions(target, texts, seen);
    result = { ...result, ...inherited, extendsOutside: result.extendsOutside === true || inherited.extendsOutside === true };
  }
  const options = json.compilerOptions ?? {};
  if (typeof options.baseUrl === 'string') result.baseUrl = join(dir, options.baseUrl);
  if (options.paths !== undefined) {
    result.paths = options.paths;
    result.pathsDir = dir;
  }
  return result;
}

/** Joins repo-relative paths, normalised, '' for the root. */
export function join(...parts: string[]): string {
  const joined = posix.normalize(posix.join(...parts.filter(Boolean)));
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}
