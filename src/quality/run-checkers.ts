import { ToolMissingError, isUserError } from '../domain/errors.js';
import type { Finding } from '../domain/findings.js';
import { isExempt } from './standards-for-file.js';
import type { CheckContext, Checker, CheckOutcome, SourceFile } from './types.js';

export interface CheckerRun {
  checker: Checker;
  files: SourceFile[];
  outcome: CheckOutcome;
  /** Set when the checker threw or timed out. */
  error: string | null;
  durationMs: number;
}

/**
 * The gate runner: gives each checker only the files it declares, runs them all at once (external
 * tools in parallel processes, in-process tools interleaved), and bounds each by a timeout. A
 * missing tool becomes `skipped` with its install hint; any other failure becomes an error.
 */
export async function runCheckers(
  checkers: Checker[],
  files: SourceFile[],
  base: Omit<CheckContext, 'files'>,
  timeoutMs: number,
): Promise<CheckerRun[]> {
  const runs = checkers
    .map((checker) => ({
      checker,
      files: files.filter((file) => checker.appliesTo(file.path) && !isExempt(file.path, checker.name, base.loaded.standards)),
    }))
    .filter((entry) => entry.files.length > 0);
  return Promise.all(runs.map(({ checker, files: own }) => runOne(checker, { ...base, files: own }, timeoutMs)));
}

async function runOne(checker: Checker, context: CheckContext, timeoutMs: number): Promise<CheckerRun> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(timeoutMs)), timeoutMs);
  });
  let outcome: CheckOutcome = { findings: [] };
  let error: string | null = null;
  try {
    outcome = await Promise.race([checker.cacheKey ? runCached(checker, context) : checker.run(context), timeout]);
    if (!outcome.note && !outcome.skipped && checker.note) {
      const note = await checker.note(context);
      if (note) outcome = { ...outcome, note };
    }
  } catch (caught) {
    // Bad input the checker read (an invalid .gitleaks.toml, a corrupt baseline) is the user's to
    // mend: exit 2 naming the file, not a check that merely errored.
    if (isUserError(caught) && caught.exitCode === 2) throw caught;
    if (caught instanceof ToolMissingError) outcome = { findings: [], skipped: `${caught.tool} is not installed (${caught.installHint})` };
    else error = caught instanceof Error ? (caught.message.split('\n')[0] ?? 'failed') : String(caught);
  } finally {
    clearTimeout(timer);
  }
  return { checker, files: context.files, outcome, error, durationMs: Math.round(performance.now() - started) };
}

/** Runs the checker on the files whose results are not cached, and merges in the cached ones. */
async function runCached(checker: Checker, context: CheckContext): Promise<CheckOutcome> {
  const { ResultCache } = await import('./result-cache.js');
  const cache = await ResultCache.open(context.cacheDir, checker.name, await checker.cacheKey!(context));
  const texts = new Map(await Promise.all(context.files.map(async (file) => [file.path, await file.read()] as const)));
  const findings: Finding[] = [];
  const fixable = new Set<string>();
  const misses = context.files.filter((file) => {
    const hit = cache.get(file.path, texts.get(file.path) ?? '');
    if (!hit) return true;
    findings.push(...hit.findings);
    for (const id of hit.fixable) fixable.add(id);
    return false;
  });
  if (!misses.length) return { findings, fixable };
  const fresh = await checker.run({ ...context, files: misses });
  if (fresh.skipped) return fresh;
  if (fresh.uncached)
    return { ...fresh, findings: [...findings, ...fresh.findings], fixable: new Set([...fixable, ...(fresh.fixable ?? [])]) };
  for (const file of misses) {
    cache.set(
      file.path,
      texts.get(file.path) ?? '',
      fresh.findings.filter((f) => f.file === file.path),
      fresh.fixable,
    );
  }
  await cache.save();
  for (const id of fresh.fixable ?? []) fixable.add(id);
  return { ...fresh, findings: [...findings, ...fresh.findings], fixable };
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${Math.round(ms / 1000)} s (config quality.timeoutMs)`);
  }
}
