import { readFile } from 'node:fs/promises';
import { createDiskModuleResolver, type DiskModuleResolver } from '../../adapters/disk-module-resolver.js';
import type { Git } from '../../adapters/git.js';
import type { LoadedConfig } from '../../config/types.js';
import type { Spec } from '../../domain/spec.js';
import type { Dependency } from '../deps/dependency.js';
import { addedDependencies, manifestParser } from '../deps/parse-dependencies.js';
import type { EndpointExtractor } from '../endpoint-extractor.js';
import { allCycles, cyclesThrough } from '../imports/find-cycles.js';
import { ImportCache } from '../imports/import-cache.js';
import { cacheKey, createEdgeResolver, lazyRuntimeGraph, readImports, type ImportEdge } from '../imports/import-graph.js';
import type { RawImport } from '../imports/raw-import.js';
import { sourceLanguage } from '../imports/source-language.js';
import type { DriftAnalysis } from '../rules/drift-rule.js';
import { endpointKey, specEndpoints, type Endpoint } from '../spec/spec-endpoints.js';
import { addedSpecLines } from '../spec/spec-diff.js';
import { createSpecPaths } from '../spec/spec-paths.js';
import type { DriftScope } from '../types.js';
import { collectChanges, type ChangeSet } from './change-set.js';
import type { Snapshot } from './snapshot.js';
import { findRemovedImplementations } from '../removed-implementations.js';

export interface AnalyzeOptions {
  scope: DriftScope;
  /** Build the whole import graph to find the cycles a change closes. */
  cycles: boolean;
  ruleIds: string[];
  extractEndpoints: EndpointExtractor | null;
}

/**
 * The diff analyzer: from a scope's change set it derives what the rules judge — files added,
 * removed and renamed, imports and dependencies added, endpoints added, whether the spec changed.
 */
export async function analyzeChange(
  deps: {
    git: Git;
    loaded: LoadedConfig;
    spec: Spec | null;
    /** The spec's text when it is not the work tree's (staged). */ specText?: string | null;
  },
  options: AnalyzeOptions,
): Promise<DriftAnalysis> {
  const { git, loaded, spec } = deps;
  const changeSet = await collectChanges(git, options.scope);
  const { changes, after } = changeSet;
  const afterFiles = await after.files();
  const files = [...afterFiles.keys()].sort();
  const whole = options.scope.kind === 'all';
  const specFile = spec?.file ?? null;
  const specChanged = !whole && specFile !== null && changes.some((c) => c.path === specFile || c.from === specFile);
  const specAdded = specChanged ? await addedSpecLines(await changeSet.diffOf([specFile as string])) : [];

  const dependencies = await analyzeDependencies(changeSet, files);
  const cache = await ImportCache.load(git.root);
  // The repository's own package names (its workspace), for imports only the disk can resolve.
  const workspace = new Set(dependencies.manifests.flatMap((manifest) => (manifest.name ? [manifest.name] : [])));
  const imports = await analyzeImports(changeSet, cache, options.cycles, createDiskModuleResolver(git.root), workspace);
  const inUse = new Set<string>();
  for (const [path, blob] of afterFiles) if (sourceLanguage(path)) inUse.add(cacheKey(blob, path));
  await cache.save(inUse);

  // Scanning for endpoints costs a parser per file: only when the spec names endpoints to compare with.
  const namedEndpoints =
    spec && options.extractEndpoints
      ? deps.specText
        ? specEndpoints(deps.specText, spec.file)
        : await readSpecEndpoints(git, spec.file)
      : [];
  const addedEndpoints =
    options.extractEndpoints && namedEndpoints.length > 0 ? await analyzeEndpoints(changeSet, options.extractEndpoints) : null;
  const configFile = loaded.configFile ? git.relativePath(loaded.configFile) : null;
  const removedImplementations = whole ? [] : await findRemovedImplementations(git, changes, after);
  return {
    scope: options.scope,
    config: loaded.config,
    spec,
    specPaths: createSpecPaths(spec),
    specChanged,
    specAddedLines: specAdded,
    files,
    changes,
    addedDependencies: dependencies.added,
    removedDependencies: dependencies.removed,
    allDependencies: dependencies.all,
    manifests: dependencies.manifests,
    addedEdges: imports.added,
    removedImports: imports.removed,
    cycles: imports.cycles,
    addedEndpoints,
    specEndpoints: namedEndpoints,
    configFile,
    ruleIds: options.ruleIds,
    removedImplementations,
  };
}

async function parseManifests(snapshot: Snapshot, paths: readonly string[], names?: Map<string, string | null>): Promise<Dependency[]> {
  if (paths.length === 0) return [];
  const texts = await snapshot.readMany(paths);
  return paths.flatMap((path) => {
    const text = texts.get(path);
    if (names) names.set(path, text && path.endsWith('package.json') ? packageName(text) : null);
    return text ? (manifestParser(path)?.(path, text) ?? []) : [];
  });
}

/** A package.json's `name`, or null (none, or not JSON: npm reports that). */
function packageName(text: string): string | null {
  try {
    const name = (JSON.parse(text) as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

async function analyzeDependencies(changeSet: ChangeSet, files: readonly string[]) {
  const paths = files.filter((path) => manifestParser(path));
  const names = new Map<string, string | null>();
  const all = await parseManifests(changeSet.after, paths, names);
  const manifests = paths.map((file) => ({ file, name: names.get(file) ?? null }));
  if (changeSet.scope.kind === 'all') return { all, manifests, added: all, removed: [] as Dependency[] };
  const touchedAfter = new Set(changeSet.changes.filter((c) => c.status !== 'deleted' && manifestParser(c.path)).map((c) => c.path));
  const touchedBefore = changeSet.changes.flatMap((c) => {
    const old = c.status === 'renamed' ? c.from : c.status === 'added' ? undefined : c.path;
    return old && manifestParser(old) ? [old] : [];
  });
  const beforeDeps = await parseManifests(changeSet.before, touchedBefore);
  const afterDeps = all.filter((d) => touchedAfter.has(d.file));
  return { all, manifests, added: addedDependencies(beforeDeps, afterDeps), removed: addedDependencies(afterDeps, beforeDeps) };
}

function importId(raw: RawImport): string {
  return `${raw.specifier}\0${(raw.names ?? []).join(',')}\0${raw.typeOnly}`;
}

async function analyzeImports(
  changeSet: ChangeSet,
  cache: ImportCache,
  wantCycles: boolean,
  disk: DiskModuleResolver,
  workspace: ReadonlySet<string>,
) {
  const { after, before, changes } = changeSet;
  const touched = changes.filter((c) => c.status !== 'deleted' && sourceLanguage(c.path));
  // Nothing to resolve (a commit of docs, or nothing staged): no tsconfig to read, no graph.
  if (changeSet.scope.kind !== 'all' && touched.length === 0)
    return { added: [] as ImportEdge[], removed: 0, cycles: wantCycles ? [] : null };
  const resolve = await createEdgeResolver(after, { resolve: disk, workspace });
  const resolveAll = (importsByFile: Map<string, RawImport[]>): ImportEdge[] =>
    [...importsByFile].flatMap(([file, raws]) => raws.flatMap((raw) => resolve(file, raw)));
  const graphOf = (edges: readonly ImportEdge[]): Map<string, Set<string>> => {
    const graph = new Map<string, Set<string>>();
    for (const edge of edges) {
      if (!edge.to || edge.typeOnly) continue;
      let targets = graph.get(edge.from);
      if (!targets) graph.set(edge.from, (targets = new Set()));
      targets.add(edge.to);
    }
    return graph;
  };

  if (changeSet.scope.kind === 'all') {
    const edges = resolveAll(await readImports(after, [...(await after.files()).keys()], cache));
    return { added: edges, removed: 0, cycles: wantCycles ? allCycles(graphOf(edges)) : null };
  }
  const oldPath = (c: (typeof touched)[number]): string | undefined =>
    c.status === 'renamed' ? c.from : c.status === 'modified' ? c.path : undefined;
  const afterImports = await readImports(
    after,
    touched.map((c) => c.path),
    cache,
  );
  const beforePaths = touched.flatMap((c) => oldPath(c) ?? []);
  const beforeImports = beforePaths.length > 0 ? await readImports(before, beforePaths, cache) : new Map<string, RawImport[]>();
  const added = new Map<string, RawImport[]>();
  let removed = 0;
  for (const change of touched) {
    const now = afterImports.get(change.path) ?? [];
    const old = beforeImports.get(oldPath(change) ?? '') ?? [];
    const oldIds = new Set(old.map(importId));
    const nowIds = new Set(now.map(importId));
    added.set(
      change.path,
      now.filter((raw) => !oldIds.has(importId(raw))),
    );
    removed += old.filter((raw) => !nowIds.has(importId(raw))).length;
  }
  const addedEdges = resolveAll(added);
  const closing = addedEdges.filter((edge) => edge.to && !edge.typeOnly).map((edge) => [edge.from, edge.to as string] as const);
  let cycles: string[][] | null = null;
  if (wantCycles) {
    // Only a new run-time edge between two of our files can close a cycle: skip the graph otherwise.
    cycles = closing.length === 0 ? [] : cyclesThrough(await lazyRuntimeGraph(after, cache, resolve), closing);
  }
  return { added: addedEdges, removed, cycles };
}

async function endpointsOf(snapshot: Snapshot, paths: readonly string[], extract: EndpointExtractor): Promise<Endpoint[]> {
  if (paths.length === 0) return [];
  const texts = await snapshot.readMany(paths);
  const found: Endpoint[] = [];
  for (const path of paths) {
    const text = texts.get(path);
    if (text) for (const endpoint of await extract(path, text)) found.push({ ...endpoint, file: path });
  }
  return found;
}

async function analyzeEndpoints(changeSet: ChangeSet, extract: EndpointExtractor): Promise<Endpoint[]> {
  const source = (path: string | undefined): path is string => Boolean(path && sourceLanguage(path));
  const afterPaths = changeSet.changes.filter((c) => c.status !== 'deleted' && source(c.path)).map((c) => c.path);
  if (changeSet.scope.kind === 'all' && extract.linkAll) {
    const texts = await changeSet.after.readMany(afterPaths);
    return extract.linkAll(afterPaths.flatMap((file) => (texts.get(file) ? [{ file, content: texts.get(file) as string }] : [])));
  }
  const now = await endpointsOf(changeSet.after, afterPaths, extract);
  if (changeSet.scope.kind === 'all') return now;
  const beforePaths = changeSet.changes.flatMap((c) => {
    const old = c.status === 'renamed' ? c.from : c.status === 'added' ? undefined : c.path;
    return source(old) ? [old] : [];
  });
  const old = new Set((await endpointsOf(changeSet.before, beforePaths, extract)).map((e) => endpointKey(e.method, e.path)));
  return now.filter((e) => !old.has(endpointKey(e.method, e.path)));
}

async function readSpecEndpoints(git: Git, specFile: string): Promise<Endpoint[]> {
  try {
    return specEndpoints(await readFile(git.absolutePath(specFile), 'utf8'), specFile);
  } catch {
    return [];
  }
}
