import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Manifest, Spec } from '../domain/spec.js';
import { analyzeGaps } from './analyze-gaps.js';
import { buildCodeIndex } from './code-index.js';
import { createHash } from 'node:crypto';
import { listSources, loadScans } from './collect-scans.js';
import { readJson, reportCachePath, scanCachePath, SCANNER_VERSION, writeCacheFile } from './scan-cache.js';
import { startScanWorkers, stopScanWorkers } from './scan-workers.js';
import { linkEndpoints } from './scanner/link-endpoints.js';
import { recordProgress } from './progress.js';
import type { GapReport } from './types.js';
import type { Judgement } from './evaluate-items.js';
import { readEvidenceMemory, writeEvidenceMemory } from './evidence-memory-file.js';

export interface GapAnalysisDeps {
  git: Git;
  loaded: LoadedConfig;
  spec: Spec;
  /** The manifest to judge; built from the spec (helper `buildManifest`) when not given. */
  manifest?: Manifest;
}

export interface GapAnalysisOptions {
  /** Append to `.buildrunner/progress.jsonl` when HEAD is a commit not recorded yet. */
  recordProgress?: boolean;
  /** Use and update the scan cache (default true). */
  cache?: boolean;
  /** Judge again (no cached report) and keep how each item was judged: `gaps --explain`. */
  explain?: boolean;
  /** Record the evidence of done items in `.buildrunner/manifest.json` (default true). */
  remember?: boolean;
}

/**
 * Gap analysis: scans the repository (cached per blob), links endpoints and client calls across
 * files, judges every manifest item and lists every gap with a fix prompt.
 */
export async function runGapAnalysis(deps: GapAnalysisDeps, options: GapAnalysisOptions = {}): Promise<GapReport> {
  const started = performance.now();
  const { git, loaded, spec } = deps;
  const useCache = options.cache !== false;
  const workers = expectsColdScan(git, useCache) ? startScanWorkers() : [];
  const manifest = deps.manifest ?? (await manifestOf(git.root, spec));
  const listed = await listSources(git, loaded.config.gaps.ignore);
  const remembered = await readEvidenceMemory(git.root);
  // Same files (by blob), same spec, same settings: the previous report still holds.
  const inputKey = createHash('sha1')
    .update(
      JSON.stringify([
        SCANNER_VERSION,
        REPORT_VERSION,
        listed.files,
        listed.sources.map((source) => source.key),
        spec,
        manifest,
        loaded.config.gaps,
        remembered.memory,
      ]),
    )
    .digest('hex');
  const previous = useCache ? await readJson<{ key: string; report: GapReport }>(reportCachePath(git.root)) : null;
  let report: GapReport;
  let judgements: Record<string, Judgement> | undefined;
  if (previous?.key === inputKey && previous.report && !options.explain) {
    stopScanWorkers(workers);
    report = { ...previous.report, stats: { ...previous.report.stats, parsed: 0, cached: previous.report.stats.scanned } };
  } else {
    const collected = await loadScans(git.root, listed.sources, { cache: useCache, started: workers });
    const { endpoints, calls, warnings } = linkEndpoints(collected.scans);
    const specText = manifest.items
      .filter((item) => item.kind !== 'file')
      .map((item) => item.text)
      .join('\n');
    const index = buildCodeIndex(listed.files, collected.scans, endpoints, specText);
    const analysis = analyzeGaps({
      spec,
      manifest,
      index,
      calls,
      ignoreEndpoints: loaded.config.gaps.ignoreEndpoints,
      remembered: remembered.memory,
    });
    judgements = analysis.judgements;
    if (options.remember !== false && analysis.memory) await writeEvidenceMemory(git.root, analysis.memory, remembered, manifest);
    const skipped = collected.scans
      .filter((scan) => scan.error !== undefined)
      .map((scan) => ({ file: scan.path, line: scan.errorLine ?? 1, message: scan.error as string }));
    report = {
      ...analysis,
      ...(warnings.length > 0 ? { warnings } : {}),
      skipped,
      stats: {
        files: listed.files.length,
        scanned: collected.scans.length,
        parsed: collected.parsed,
        cached: collected.cached,
        durationMs: 0,
      },
    };
    if (useCache) await writeCacheFile(git.root, reportCachePath(git.root), JSON.stringify({ key: inputKey, report }));
    await collected.stored;
  }
  if (options.recordProgress) {
    const head = await git.headCommit();
    if (head) await recordProgress(git.root, head, report.completion);
  }
  report.stats.durationMs = Math.round(performance.now() - started);
  if (options.explain && judgements) Object.defineProperty(report, 'judgements', { value: judgements, enumerable: false });
  return report;
}

/**
 * No scan cache yet (or none used) in a repository whose git index lists a few hundred files or
 * more (an index entry takes ~100 bytes): most files will be parsed, so the scan workers can be
 * started before the files are listed.
 */
function expectsColdScan(git: Git, useCache: boolean): boolean {
  if (useCache && existsSync(scanCachePath(git.root))) return false;
  try {
    // The per-worktree git dir: in a linked worktree `.git` is a file, not a folder.
    return statSync(join(git.gitDir, 'index')).size > 30_000;
  } catch {
    return false;
  }
}

/** Bumped when the analysis (not the scanner) changes, so cached reports are not reused. */
const REPORT_VERSION = 6;

async function manifestOf(root: string, spec: Spec): Promise<Manifest> {
  const { buildManifest } = await import('../spec/build-manifest.js');
  let text = '';
  try {
    text = await readFile(join(root, spec.file), 'utf8');
  } catch {
    text = '';
  }
  return buildManifest(spec, text);
}

const BLOCKING_KINDS = new Set(['stub', 'missing-endpoint', 'missing-file', 'unimplemented-requirement', 'missing-test']);

/**
 * Whether gap analysis finds a feature complete: it is in the report, every item of it is done,
 * and no stub or missing endpoint is attributed to it (TODO markers and UI wiring do not block
 * a build task). The build orchestrator uses this for tasks without `run`.
 */
export function isFeatureComplete(report: GapReport, featureId: string): boolean {
  if (!report.features.some((feature) => feature.id === featureId)) return false;
  if (report.items.some((item) => item.featureId === featureId && item.status !== 'done')) return false;
  return !report.gaps.some((gap) => gap.featureId === featureId && BLOCKING_KINDS.has(gap.kind));
}
