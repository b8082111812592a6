import { join } from 'node:path';
import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/types.js';
import { UsageError } from '../domain/errors.js';
import { assembleResult } from './assemble-result.js';
import { applyQualityBaseline, type QualityBaselineReport } from './baseline/apply-quality-baseline.js';
import { readQualityBaseline } from './baseline/quality-baseline.js';
import { allCheckers, defaultTools } from './checkers/all-checkers.js';
import { chooseEngines, nativeCheckers, nativeReplaces } from './choose-engines.js';
import { fixFiles } from './fix-files.js';
import { runCheckers, type CheckerRun } from './run-checkers.js';
import { releaseConfigSources } from './checkers/config-source.js';
import { resolveScope, touchedLines, type ResolvedScope } from './scope/resolve-scope.js';
import type { TouchedLines } from './scope/touched-lines.js';
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
  const preCommitChecks = options.preCommit ? loaded.config.quality.preCommitChecks : null;
  const selected = await chooseEngines(
    selectCheckers(deps.checkers ?? allCheckers, options.only ?? (preCommitChecks?.length ? preCommitChecks : undefined)),
    git.root,
    loaded.config.quality,
  );
  const exclude = loaded.standards.exclude;
  // A commit is judged as it is: its fixes would have nowhere to land but the work tree.
  if (options.fix && options.scope.kind === 'commit') throw new UsageError('--fix cannot rewrite a commit: check it without --fix');
  const scope = await resolveScope(git, options.scope, exclude, loaded.config.quality.maxFileBytes);
  try {
    return await checkScope(deps, options, selected, scope);
  } finally {
    // The shadows of staged configs (config-source.ts) live for the run.
    await releaseConfigSources(scope.readProjectFile);
  }
}

async function checkScope(deps: QualityDeps, options: QualityOptions, selected: Checker[], scope: ResolvedScope): Promise<QualityResult> {
  const { git, loaded } = deps;
  prepareCheckers(
    selected,
    git.root,
    scope.files.map((file) => file.path),
  );
  const base: Omit<CheckContext, 'files'> = {
    root: git.root,
    loaded,
    staged: scope.staged,
    readProjectFile: scope.readProjectFile,
    cacheDir: join(git.root, '.buildrunner', 'cache', 'quality'),
    tools: { ...defaultTools, ...deps.tools },
    all: options.scope.kind === 'all',
  };
  let files = scope.files;
  let written: Promise<{ fixed: string[]; notes: string[]; conflicts: string[]; touched: TouchedLines | null }> = Promise.resolve({
    fixed: [],
    notes: [],
    conflicts: [],
    touched: scope.touched,
  });
  if (options.fix) {
    const run = await fixFiles(git, scope, selected, base, options.writeFile, options.writeIndex, options.onFixFound);
    // The re-check judges the fixed texts while they are being written; the lines the change
    // touched are read as soon as the fixes are staged, beside the work-tree writes (they read
    // only the index).
    files = files.map((file) => (run.texts.has(file.path) ? { path: file.path, read: async () => run.texts.get(file.path)! } : file));
    const touchedAfter = run.indexed.then((staged) => (staged ? touchedLines(git, options.scope) : scope.touched));
    touchedAfter.catch(() => undefined);
    written = run.written.then(async (outcome) => ({ ...outcome, touched: await touchedAfter }));
  }
  const runnable = selected.filter((checker) => !checker.wholeRepoOnly || base.all);
  const [runs, { fixed, notes: fixNotes, conflicts, touched }] = await Promise.all([
    runCheckers(runnable, files, base, loaded.config.quality.timeoutMs),
    written,
  ]);
  const judged =
    options.useBaseline === false ? { runs, report: null } : await judgeByBaseline(git.root, runs, options.scope.kind === 'all');
  const lineCounts = new Map<string, number>();
  await Promise.all(
    runs
      .flatMap((run) => run.files)
      .map(async (file) => {
        if (!lineCounts.has(file.path)) lineCounts.set(file.path, countLines(await file.read()));
      }),
  );
  return assembleResult({
    runs: judged.runs,
    baseline: judged.report,
    standards: loaded.standards,
    touched: loaded.config.quality.holdTheLine ? touched : null,
    lineCounts,
    scope: options.scope.kind,
    fixed,
    fixNotes: [...(scope.skipped ?? []), ...fixNotes],
    fixConflicts: conflicts,
  });
}

/**
 * Marks the findings `.buildrunner/quality-baseline.json` records as `baselined` (reported, never
 * blocking, not scored); without a baseline the runs are as they came. A damaged file is exit 2.
 */
async function judgeByBaseline(
  root: string,
  runs: CheckerRun[],
  wholeTree: boolean,
): Promise<{ runs: CheckerRun[]; report: QualityBaselineReport | null }> {
  const baseline = await readQualityBaseline(root);
  if (!baseline) return { runs, report: null };
  const applied = applyQualityBaseline(
    runs.map((run) => ({ run, check: run.checker.name, findings: run.outcome.findings, ran: !run.error && !run.outcome.skipped })),
    baseline,
    wholeTree,
  );
  return {
    runs: applied.runs.map(({ run, findings }) => ({ ...run, outcome: { ...run.outcome, findings } })),
    report: applied.report,
  };
}

/**
 * Starts loading, in the background, the tools of `checks` (default: every check) that will run
 * on `files`; ESLint takes about a second. Callers that know the files before the config (the
 * pre-commit hook, `quality check --staged`) call this first, so the load overlaps everything
 * before the checks. A config that later drops ESLint costs one background load, never a result.
 */
export function prepareQualityCheck(root: string, files: string[], checks?: readonly string[]): void {
  prepareCheckers(
    // ESLint is not warmed where oxlint will replace it (the config is not read yet: a guess).
    allCheckers.filter((checker) => (!checks || checks.includes(checker.name)) && !nativeReplaces(root, checker.name)),
    root,
    files,
  );
}

function prepareCheckers(checkers: Checker[], root: string, files: string[]): void {
  for (const checker of checkers) if (checker.prepare && files.some((path) => checker.appliesTo(path))) checker.prepare(root);
}

function selectCheckers(available: Checker[], only: string[] | undefined): Checker[] {
  if (!only?.length) return available;
  // The native engines can be named too (`--only oxlint`): they run whatever quality.engines says.
  const known = [...available, ...nativeCheckers.filter((native) => !available.some((checker) => checker.name === native.name))];
  const names = new Set(known.map((checker) => checker.name));
  const unknown = only.filter((name) => !names.has(name));
  if (unknown.length) throw new UsageError(`--only: unknown check ${unknown.join(', ')} (known: ${[...names].join(', ')})`);
  return known.filter((checker) => only.includes(checker.name));
}

function countLines(text: string): number {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
