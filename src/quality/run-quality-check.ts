import { join } from 'node:path';
import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/types.js';
import { UsageError } from '../domain/errors.js';
import { assembleResult } from './assemble-result.js';
import { allCheckers, defaultTools } from './checkers/all-checkers.js';
import { fixFiles } from './fix-files.js';
import { runCheckers } from './run-checkers.js';
import { resolveScope } from './scope/resolve-scope.js';
import type { Checker, CheckContext, QualityOptions, QualityResult } from './types.js';

export interface QualityDeps {
  git: Git;
  loaded: LoadedConfig;
  /** Binary names per external tool (tests inject missing ones). */
  tools?: Record<string, string>;
  /** The checkers to choose from; all of br-guard's by default. */
  checkers?: Checker[];
}

/**
 * Runs the quality gate on a scope: optionally fixes first (`fix`), then runs every applicable
 * checker and returns the contract's `quality check --json` result. Never prints.
 */
export async function runQualityCheck(deps: QualityDeps, options: QualityOptions): Promise<QualityResult> {
  const { git, loaded } = deps;
  const available = deps.checkers ?? allCheckers;
  const preCommitChecks = options.preCommit ? loaded.config.quality.preCommitChecks : null;
  const selected = selectCheckers(available, options.only ?? (preCommitChecks?.length ? preCommitChecks : undefined));
  const exclude = loaded.standards.exclude;
  let scope = await resolveScope(git, options.scope, exclude);
  const base: Omit<CheckContext, 'files'> = {
    root: git.root,
    loaded,
    staged: scope.staged,
    cacheDir: join(git.root, '.buildrunner', 'cache', 'quality'),
    tools: { ...defaultTools, ...deps.tools },
    all: options.scope.kind === 'all',
  };
  let fixed: string[] = [];
  let fixNotes: string[] = [];
  if (options.fix) {
    ({ fixed, notes: fixNotes } = await fixFiles(git, scope, selected, base));
    // Re-check what the fixes produced.
    if (fixed.length) scope = await resolveScope(git, options.scope, exclude);
  }
  const runnable = selected.filter((checker) => !checker.wholeRepoOnly || base.all);
  const runs = await runCheckers(runnable, scope.files, base, loaded.config.quality.timeoutMs);
  const lineCounts = new Map<string, number>();
  await Promise.all(
    runs
      .flatMap((run) => run.files)
      .map(async (file) => {
        if (!lineCounts.has(file.path)) lineCounts.set(file.path, countLines(await file.read()));
      }),
  );
  return assembleResult({
    runs,
    standards: loaded.standards,
    touched: loaded.config.quality.holdTheLine ? scope.touched : null,
    lineCounts,
    scope: options.scope.kind,
    fixed,
    fixNotes,
  });
}

function selectCheckers(available: Checker[], only: string[] | undefined): Checker[] {
  if (!only?.length) return available;
  const names = new Set(available.map((checker) => checker.name));
  const unknown = only.filter((name) => !names.has(name));
  if (unknown.length) throw new UsageError(`--only: unknown check ${unknown.join(', ')} (known: ${[...names].join(', ')})`);
  return available.filter((checker) => only.includes(checker.name));
}

function countLines(text: string): number {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
