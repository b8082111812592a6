import { readFile } from 'node:fs/promises';
import type { Git } from '../adapters/git.js';
import { computeStagedFixes, writePreservingMode, writeStagedFixes } from './apply-staged-fixes.js';
import { createFixPipeline } from './fix-pipeline.js';
import { traceMark } from '../adapters/trace-marks.js';
import type { ResolvedScope } from './scope/resolve-scope.js';
import type { Checker, CheckContext, IndexWriteGuard, WorktreeWriter } from './types.js';

/** What `--fix` did, in two steps: the fixed texts as soon as they are known, then the writes. */
export interface FixRun {
  /** The text each file in scope has after fixing (only files the fixers read). */
  texts: Map<string, string>;
  /** Settles once the fixes are written: repo paths changed, notes on files left alone, and conflicts (nothing written). */
  written: Promise<{ fixed: string[]; notes: string[]; conflicts: string[] }>;
  /** Staged scopes: settles true once the fixed blobs are staged (before the work tree is written), false when none is. */
  indexed: Promise<boolean>;
}

/**
 * `--fix`: runs the fixers of the selected checks over the scope. Staged scopes go through the
 * safe index + work-tree path; other scopes rewrite work-tree files in place. The texts come
 * back before they are written, so the re-check can start while the writes proceed.
 */
export async function fixFiles(
  git: Git,
  scope: ResolvedScope,
  checkers: Checker[],
  base: Omit<CheckContext, 'files'>,
  writeFile: WorktreeWriter = writePreservingMode,
  writeIndex?: IndexWriteGuard,
  onFixFound?: () => void,
): Promise<FixRun> {
  const paths = scope.files.map((file) => file.path);
  // Only the fixers of checks that have a file here: a TypeScript commit loads no Ruff (a WASM
  // module) and starts no worker for it.
  const pipeline = await createFixPipeline(
    checkers.filter((checker) => paths.some((path) => checker.appliesTo(path))),
    base,
  );
  if (!pipeline.tools.length || !scope.files.length)
    return { texts: new Map(), written: Promise.resolve({ fixed: [], notes: [], conflicts: [] }), indexed: Promise.resolve(false) };
  if (scope.staged) {
    const fixes = await computeStagedFixes(git, paths, pipeline.fix, onFixFound);
    traceMark('staged fixes computed');
    // True the moment the fixed blobs are staged; false once the writes settle without that.
    let settleIndexed!: (staged: boolean) => void;
    const indexed = new Promise<boolean>((resolve) => (settleIndexed = resolve));
    const writing = writeStagedFixes(git, fixes, writeFile, writeIndex, () => settleIndexed(true));
    writing.then(
      () => settleIndexed(false),
      () => settleIndexed(false),
    );
    const written = writing.then((results) => ({
      fixed: results.filter((result) => result.indexUpdated).map((result) => result.path),
      notes: results.filter((result) => result.note).map((result) => `${result.path}: ${result.note}`),
      conflicts: fixes.conflicts,
    }));
    return { texts: fixes.texts, written, indexed };
  }
  // All files at once: file reads and writes overlap the fixing of others.
  const outcomes = await Promise.all(
    paths.map(async (path): Promise<{ path: string; text?: string; changed?: boolean; note?: string }> => {
      const text = await readFile(git.absolutePath(path), 'utf8');
      try {
        const fixed = await pipeline.fix(path, text);
        return { path, text: fixed, changed: fixed !== text };
      } catch (error) {
        return { path, note: `${path}: not fixed (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})` };
      }
    }),
  );
  const texts = new Map(outcomes.flatMap((outcome) => (outcome.text === undefined ? [] : [[outcome.path, outcome.text] as const])));
  const changed = outcomes.filter((outcome) => outcome.changed);
  const written = Promise.all(changed.map((outcome) => writeFile(git.absolutePath(outcome.path), outcome.text!))).then(() => ({
    fixed: changed.map((outcome) => outcome.path),
    notes: outcomes.flatMap((outcome) => (outcome.note ? [outcome.note] : [])),
    conflicts: [],
  }));
  return { texts, written, indexed: Promise.resolve(false) };
}
