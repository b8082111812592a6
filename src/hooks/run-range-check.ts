import { UsageError } from '../domain/errors.js';
import type { HookDeps } from './hook-deps.js';
import type { PushRange } from './push-ranges.js';
import { checkRanges } from './run-pre-push.js';
import type { HookResult } from './stage-outcome.js';

/**
 * `br-guard check --range A..B`: what the pre-push would check if A..B were pushed. In CI, where
 * the developer's notes are absent, no commit has a record, so each is checked: the gate that
 * `--no-verify` (or a missing hook) cannot skip.
 */
export async function runRangeCheck(deps: HookDeps, rangeText: string): Promise<HookResult> {
  // Refs may hold dots (`v1.2..HEAD`, `release-2.0..main`); only `...` (symmetric difference) is not a range here.
  const match = rangeText.includes('...') ? null : /^(\S+?)\.\.(\S*)$/.exec(rangeText.trim());
  if (!match) throw new UsageError(`--range expects A..B (two commits), got ${JSON.stringify(rangeText)}`);
  const [from, to] = await Promise.all([resolve(deps, match[1]!), resolve(deps, match[2] || 'HEAD')]);
  const range: PushRange = { remoteRef: `${match[1]}..${match[2] || 'HEAD'}`, from, to, basis: 'remote' };
  if (from === to) return { exitCode: 0, outcomes: [], notes: [`br-guard: ${range.remoteRef} holds no commit, nothing to check`] };
  return checkRanges(deps, [range], [], { gaps: false });
}

async function resolve(deps: HookDeps, rev: string): Promise<string> {
  const commit = await deps.git.readRef(`${rev}^{commit}`);
  if (!commit) throw new UsageError(`--range: ${rev} is not a commit in this repository (a shallow clone needs fetch-depth: 0)`);
  return commit;
}
