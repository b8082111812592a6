import { posix } from 'node:path';
import type { Snapshot } from '../diff/snapshot.js';
import type { ImportCache } from './import-cache.js';
import { parseJsImports } from './parse-js-imports.js';
import { parsePythonImports } from './parse-python-imports.js';
import type { RawImport } from './raw-import.js';
import type { DiskModuleResolver } from '../../adapters/disk-module-resolver.js';
import { isRelativeSpecifier, npmPackageOf } from './package-specifier.js';
import { createAliasMatcher, createJsResolver, nearestTsconfig } from './resolve-js-import.js';
import { createPythonResolver } from './resolve-python-import.js';
import { sourceLanguage } from './source-language.js';
import { readTsPathsConfigs, type TsPathsConfig } from './tsconfig-paths.js';

/** One resolved import: `to` is a repository file, or null for a package / outside module. */
export interface ImportEdge {
  from: string;
  to: string | null;
  specifier: string;
  line: number;
  typeOnly: boolean;
  /** JS/TS: the specifier matched a tsconfig `paths` alias (so `to: null` means it resolves to nothing, not a package). */
  alias?: boolean;
  /**
   * JS/TS: the import names a package of this repository's workspace (`@org/ui`) and `to` is the
   * file that package resolves to: the package rules still judge it as a package import.
   */
  viaPackage?: string;
}

/** Cache keys of a snapshot's source files, for pruning. */
export function cacheKey(blob: string, path: string): string {
  return `${blob}:${sourceLanguage(path)}`;
}

/**
 * Raw imports of the given files of a snapshot: from the cache when their blob was parsed
 * before, else read (one batch) and parsed, and remembered.
 */
export async function readImports(snapshot: Snapshot, paths: readonly string[], cache: ImportCache): Promise<Map<string, RawImport[]>> {
  const blobs = await snapshot.files();
  const result = new Map<string, RawImport[]>();
  const misses: string[] = [];
  for (const path of paths) {
    const blob = blobs.get(path);
    if (!blob || !sourceLanguage(path)) continue;
    const cached = cache.get(cacheKey(blob, path));
    if (cached) result.set(path, cached);
    else misses.push(path);
  }
  if (misses.length > 0) {
    const texts = await snapshot.readMany(misses);
    for (const path of misses) {
      const text = texts.get(path);
      const imports = text == null ? [] : sourceLanguage(path) === 'py' ? await parsePythonImports(text) : await parseJsImports(text, path);
      cache.set(cacheKey(blobs.get(path) as string, path), imports);
      result.set(path, imports);
    }
  }
  return result;
}

export type EdgeResolver = (importer: string, raw: RawImport) => ImportEdge[];

/**
 * The run-time import neighbours of each file, resolved on first ask: a cycle search from a new
 * edge only pays for the part of the graph it reaches. Every source file's imports must be in
 * the cache already (see `readImports`).
 */
export async function lazyRuntimeGraph(snapshot: Snapshot, cache: ImportCache, resolve: EdgeResolver): Promise<(node: string) => string[]> {
  const blobs = await snapshot.files();
  const missing = [...blobs.keys()].filter((path) => sourceLanguage(path) && !cache.has(cacheKey(blobs.get(path) as string, path)));
  if (missing.length > 0) await readImports(snapshot, missing, cache);
  const resolved = new Map<string, string[]>();
  return (node) => {
    let targets = resolved.get(node);
    if (!targets) {
      const blob = blobs.get(node);
      const raws = blob && sourceLanguage(node) ? (cache.get(cacheKey(blob, node)) ?? []) : [];
      targets = [
        ...new Set(raws.filter((raw) => !raw.typeOnly).flatMap((raw) => resolve(node, raw).flatMap((edge) => (edge.to ? [edge.to] : [])))),
      ];
      resolved.set(node, targets);
    }
    return targets;
  };
}

/**
 * A resolver over one snapshot's file set, with its tsconfig `paths`. With `disk` (Node's and
 * TypeScript's resolution on the checkout, and the repository's own package names), what the
 * snapshot alone cannot answer is asked there:
 * subpath imports (`#lib/x`), the repository's own workspace packages, and specifiers of files
 * whose tsconfig inherits from outside the snapshot. An answer counts only when it is a file of
 * the snapshot, so the work tree never adds a file the checked content does not have.
 */
export async function createEdgeResolver(
  snapshot: Snapshot,
  disk: { resolve: DiskModuleResolver; workspace: ReadonlySet<string> } | null = null,
): Promise<EdgeResolver> {
  const files = new Set((await snapshot.files()).keys());
  const tsconfigs = [...files].filter((path) => /^tsconfig.*\.json$/.test(posix.basename(path)));
  const configs = readTsPathsConfigs(tsconfigs.length > 0 ? await snapshot.readMany(tsconfigs) : new Map());
  const js = createJsResolver(files, configs);
  const isAlias = createAliasMatcher(configs);
  const py = createPythonResolver(files);
  const onDisk = disk ? askDisk(disk.resolve, files, configs, disk.workspace) : null;
  // Files of one folder import the same modules over and over: resolve each once per folder.
  const memo = new Map<string, Array<string | null>>();
  return (importer, raw) => {
    const base = { from: importer, specifier: raw.specifier, line: raw.line, typeOnly: raw.typeOnly };
    const language = sourceLanguage(importer);
    const slash = importer.lastIndexOf('/');
    const key = `${language}\0${importer.slice(0, slash + 1)}\0${raw.specifier}\0${raw.names?.join(',') ?? ''}`;
    let targets = memo.get(key);
    if (!targets) {
      if (language === 'py') {
        const found = py(importer, raw);
        targets = found.length > 0 ? found : [null];
      } else {
        targets = [js(importer, raw.specifier) ?? onDisk?.(importer, raw.specifier) ?? null];
      }
      memo.set(key, targets);
    }
    if (language === 'py') return targets.map((to) => ({ ...base, to }));
    if (targets[0] === null && isAlias(importer, raw.specifier.split(/[?#]/)[0] ?? raw.specifier))
      return [{ ...base, to: null, alias: true }];
    const pkg = targets[0] ? (onDisk?.workspacePackage(raw.specifier) ?? null) : null;
    return targets.map((to) => (pkg ? { ...base, to, viaPackage: pkg } : { ...base, to }));
  };
}

function askDisk(disk: DiskModuleResolver, files: ReadonlySet<string>, configs: readonly TsPathsConfig[], workspace: ReadonlySet<string>) {
  const configFor = nearestTsconfig(configs);
  const workspacePackage = (specifier: string): string | null => {
    const name = npmPackageOf(specifier);
    return name && workspace.has(name) ? name : null;
  };
  const worthAsking = (importer: string, specifier: string): boolean =>
    specifier.startsWith('#') ||
    workspacePackage(specifier) !== null ||
    (configFor(importer)?.extendsOutside === true && !isRelativeSpecifier(specifier) && !specifier.startsWith('/'));
  const resolve = (importer: string, specifier: string): string | null => {
    if (!worthAsking(importer, specifier)) return null;
    const found = disk(importer, specifier);
    return found !== null && files.has(found) ? found : null;
  };
  return Object.assign(resolve, { workspacePackage });
}
