import { loaderFor } from '../adapters/load-now.js';
import type { Git } from '../adapters/git.js';
import { UsageError } from '../domain/errors.js';
import type { HookDeps } from './hook-deps.js';
import { describeSkips, readSkipSettings } from './skip-settings.js';
import type { HookResult } from './stage-outcome.js';
import { stagedDiffArgs, stagedRecords } from '../adapters/git-output.js';

// The commit's big module graphs load synchronously (adapters/load-now.ts).
const requireNow = loaderFor(import.meta.url);

export const HOOK_NAMES = ['pre-commit', 'pre-push', 'post-merge'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export interface RunHookIo {
  env: NodeJS.ProcessEnv;
  color: boolean;
  stderr: (text: string) => void;
  /** The hook's stdin (pre-push reads its refs from it). */
  readStdin: () => Promise<string>;
  openGit: () => Promise<Git>;
  /** Where git runs the hook (the work tree root); enables the one-process answer when nothing is staged. */
  cwd?: string;
}

/**
 * What `br-guard hook <name>` does: honour BR_GUARD / BR_GUARD_SKIP (saying so), step aside
 * during a rebase, run the hook with the real systems, print its lines, return its exit code.
 */
export async function runHook(name: string, args: string[], io: RunHookIo, overrides: Partial<HookDeps> = {}): Promise<number> {
  if (!(HOOK_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown hook: ${name} (expected ${HOOK_NAMES.join(', ')})`);
  }
  const skips = readSkipSettings(io.env);
  for (const line of describeSkips(skips, name)) io.stderr(line);
  if (skips.disabled) return 0;
  const { cwd } = io;
  const stagedDiff = name === 'pre-commit' && cwd ? await readStagedDiff(cwd) : null;
  const staged = stagedDiff === null ? null : stagedNames(stagedDiff);
  if (cwd && staged && !staged.length) {
    // The most common hook call checks nothing: answer it with one git process.
    const { leftoverNotice } = await import('./leftover-notice.js');
    const notice = await leftoverNotice(cwd);
    if (notice) {
      io.stderr(`${notice}\nbr-guard: commit stopped so the half-fixed files are not committed.`);
      return 1;
    }
    io.stderr('br-guard: nothing staged to check');
    return 0;
  }
  // Its git process runs while the systems' modules load below; its error, if any, is met there.
  const opening = overrides.git ? Promise.resolve(overrides.git) : io.openGit();
  opening.catch(() => undefined);
  // Git runs hooks from the top of the work tree: with the staged names known, the quality
  // tools (ESLint, about a second) start loading now, beside everything that comes before them.
  const systems = overrides.systems ?? requireNow<typeof import('./system-deps.js')>('./system-deps.js').defaultHookSystems();
  if (cwd && staged && !skips.skipped.has('quality')) await systems.prepareQualityCheck?.(cwd, staged);
  const git = await opening;
  const operation = await git.operationInProgress();
  if (operation === 'rebase') {
    io.stderr(`br-guard: a rebase is in progress; the ${name} hook steps aside (run br-guard check when it is done)`);
    return 0;
  }
  if (name !== 'pre-commit') {
    // pre-commit blocks on a leftover backup; the other hooks mention it and go on.
    const { findLeftoverBackup, leftoverMessage } = await import('./backup.js');
    const leftover = await findLeftoverBackup(git.gitDir);
    if (leftover) io.stderr(leftoverMessage(leftover));
  }
  // Loaded only past the fast path: a commit with nothing staged never needs them.
  const [{ InterruptGuard }, { formatHookResult }] = await Promise.all([import('./interrupt-guard.js'), import('./stage-outcome.js')]);
  const guard = overrides.guard ?? new InterruptGuard();
  guard.install();
  const deps: HookDeps = {
    git,
    loadConfig:
      overrides.loadConfig ??
      (async () =>
        requireNow<typeof import('../config/config-cache.js')>('../config/config-cache.js').loadConfigCached(git.root, async (root) =>
          requireNow<typeof import('../config/load-config.js')>('../config/load-config.js').loadConfig(root),
        )),
    systems,
    skips,
    guard,
    now: overrides.now ?? (() => new Date()),
    ...(stagedDiff !== null ? { stagedDiff } : {}),
  };
  try {
    const result = await dispatch(name as HookName, args, deps, io);
    const text = formatHookResult(name, result, io.color);
    if (text) io.stderr(text);
    return result.exitCode;
  } finally {
    guard.uninstall();
  }
}

async function dispatch(name: HookName, args: string[], deps: HookDeps, io: RunHookIo): Promise<HookResult> {
  switch (name) {
    case 'pre-commit':
      return requireNow<typeof import('./run-pre-commit.js')>('./run-pre-commit.js').runPreCommit(deps);
    case 'pre-push':
      return (await import('./run-pre-push.js')).runPrePush(deps, args[0] ?? 'origin', await io.readStdin());
    case 'post-merge':
      return (await import('./run-post-merge.js')).runPostMerge(deps);
  }
}

/**
 * The staged raw diff against HEAD (empty when the index equals HEAD), or null when git cannot
 * say (no commit yet). One git process answers whether there is anything to check, and the
 * pre-commit's snapshot starts from it.
 */
async function readStagedDiff(cwd: string): Promise<string | null> {
  const { runProcess } = await import('../adapters/process-runner.js');
  // Against HEAD: before the first commit this fails, and the pre-commit reads its snapshot itself.
  const result = await runProcess('git', stagedDiffArgs('HEAD'), { cwd }).catch(() => null);
  return result && result.code === 0 ? result.stdout : null;
}

/** The staged paths that have content to check (deletions have none). */
function stagedNames(diff: string): string[] {
  return stagedRecords(diff).flatMap((record) => (record.status === 'D' ? [] : [record.path]));
}

/** Reads all of stdin, or nothing when it is a terminal (a person running the hook by hand). */
export async function readAllStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
