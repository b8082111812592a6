import { describeDrift, describeGaps, describeQuality } from './describe-results.js';
import type { HookDeps } from './hook-deps.js';
import { parsePrePushInput } from './pre-push-input.js';
import { resolvePushRanges, type PushRange } from './push-ranges.js';
import { exitCodeFor, runStage, skippedOutcome } from './run-stage.js';
import { findSpecFile } from './spec-presence.js';
import { capDetails, location, plural, type HookResult, type StageOutcome } from './stage-outcome.js';
import { describeCoverage, filesChangedBy, listRangeCommits, nameCommit, needing, type CommitsToCheck } from './unrecorded-commits.js';

/**
 * pre-push: the pre-commit's secrets and quality stages on each pushed commit without a
 * pre-commit record (`--no-verify` skips the pre-commit, never this); for each pushed range,
 * drift checks that block on errors; then, when configured, the gaps minimum completion
 * (`hooks.prePush.minCompletion`) and quality on all the changed files (`hooks.prePush.quality`).
 * Runs every stage, so one push reports everything at once.
 */
export async function runPrePush(deps: HookDeps, remote: string, stdin: string): Promise<HookResult> {
  const { git } = deps;
  const notes: string[] = [];
  const outcomes: StageOutcome[] = [];
  const updates = parsePrePushInput(stdin);
  const { ranges, skipped } = await resolvePushRanges(git, remote, updates);
  for (const skip of skipped) notes.push(`br-guard: pre-push: ${skip.remoteRef}: ${skip.reason}, nothing to check`);
  if (!ranges.length) return { exitCode: 0, outcomes, notes };
  return checkRanges(deps, ranges, notes, { gaps: true });
}

/**
 * The pre-push's stages on commit ranges (also `br-guard check --range A..B`, which has no
 * remote and leaves the gaps minimum to `br-guard gaps`).
 */
export async function checkRanges(
  deps: HookDeps,
  ranges: readonly PushRange[],
  notes: string[],
  options: { gaps: boolean },
): Promise<HookResult> {
  const { git, skips } = deps;
  const outcomes: StageOutcome[] = [];
  const commits = await listRangeCommits(git, ranges);
  notes.push(...describeCoverage(commits));
  // Secrets first: a commit made with --no-verify skipped the pre-commit scan, and a pushed token
  // is public. Only the lines added by commits whose record does not vouch for the scan are read.
  if (skips.skipped.has('secrets')) outcomes.push(skippedOutcome('secrets', 'skipped (BR_GUARD_SKIP)'));
  else outcomes.push(await pushSecrets(deps, commits));
  const loaded = await deps.loadConfig();
  const specFile = await findSpecFile(git, loaded);

  if (skips.skipped.has('drift')) outcomes.push(skippedOutcome('drift', 'skipped (BR_GUARD_SKIP)'));
  else if (!specFile) outcomes.push(skippedOutcome('drift', 'skipped: no PROJECT_SPEC.md to check against'));
  else {
    for (const range of ranges) {
      // A first push has no base to diff against: everything is new to the remote, so the whole
      // repository is checked (as the work tree holds it).
      const scope = range.basis === 'root' ? ({ kind: 'all' } as const) : ({ kind: 'range', from: range.from, to: range.to } as const);
      const more =
        scope.kind === 'all'
          ? 'br-guard drift check --all'
          : `br-guard drift check --range ${range.from.slice(0, 12)}..${range.to.slice(0, 12)}`;
      outcomes.push(
        await runStage('drift', more, async () => {
          const spec = await deps.systems.loadSpec(git, loaded);
          return describeDrift(await deps.systems.runDriftCheck(git, loaded, spec, scope), describeRange(range));
        }),
      );
    }
  }

  const minCompletion = loaded.config.hooks.prePush.minCompletion;
  if (options.gaps && minCompletion !== null) {
    if (skips.skipped.has('gaps')) outcomes.push(skippedOutcome('gaps', 'skipped (BR_GUARD_SKIP)'));
    else if (!specFile) outcomes.push(skippedOutcome('gaps', 'skipped: no PROJECT_SPEC.md'));
    else {
      outcomes.push(
        await runStage('gaps', `br-guard gaps --min-completion ${minCompletion}`, async () => {
          const spec = await deps.systems.loadSpec(git, loaded);
          return describeGaps(await deps.systems.runGapAnalysis(git, loaded, spec, {}), minCompletion);
        }),
      );
    }
  }

  const unrecordedQuality = needing(commits.coverage, 'quality');
  if (loaded.config.hooks.prePush.quality || unrecordedQuality.length) {
    if (skips.skipped.has('quality')) outcomes.push(skippedOutcome('quality', 'skipped (BR_GUARD_SKIP)'));
    else if (loaded.config.hooks.prePush.quality) outcomes.push(...(await pushQuality(deps, loaded, ranges)));
    else outcomes.push(...(await unrecordedQualityStages(deps, loaded, unrecordedQuality, commits.tips)));
  }
  return { exitCode: exitCodeFor(outcomes), outcomes, notes };
}

/**
 * The secrets the pushed commits without a record add; the finding lines name commit, file and
 * line, never the value. A commit whose pre-commit passed the secrets scan on this very change is not read again.
 */
export async function pushSecrets(deps: Pick<HookDeps, 'git'>, commits: CommitsToCheck): Promise<StageOutcome> {
  return runStage('secrets', 'br-guard quality history <remote>..HEAD', async () => {
    const unrecorded = needing(commits.coverage, 'secrets');
    const vouched = commits.coverage.length - unrecorded.length;
    const recordedNote = vouched ? ` (${vouched} more carry a pre-commit record and were not read again)` : '';
    if (!unrecorded.length) return { status: 'passed', summary: `no commit to scan${recordedNote}`, details: [] };
    const { scanHistory } = await import('../quality/secrets/scan-history.js');
    const details: string[] = [];
    const result = await scanHistory(deps.git, { revs: ['--no-walk', ...unrecorded.map((c) => c.commit)] });
    const found = result.findings.length;
    for (const f of result.findings) details.push(`${f.commit.slice(0, 8)} ${location(f.file, f.line)} ${f.rule}: ${f.message}`);
    for (const what of result.unreadable) details.push(`could not read ${what}`);
    if (!found) return { status: 'passed', summary: `no secret in ${plural(result.commits, 'pushed commit')}${recordedNote}`, details: [] };
    return {
      status: 'failed',
      summary: `${plural(found, 'secret')} in the pushed commits: rotate, then rewrite those commits`,
      details: capDetails(details),
    };
  });
}

function describeRange(range: PushRange): string {
  const branch = range.remoteRef.replace(/^refs\/heads\//, '');
  if (range.basis === 'root') return `${branch} (first push: the whole repository)`;
  return `${branch} (${range.from.slice(0, 8)}..${range.to.slice(0, 8)})`;
}

/**
 * Quality on the files each pushed range changes, as its tip holds them (what the push sends,
 * whatever the work tree holds now). One stage per range.
 */
async function pushQuality(
  deps: HookDeps,
  loaded: Awaited<ReturnType<HookDeps['loadConfig']>>,
  ranges: readonly PushRange[],
): Promise<StageOutcome[]> {
  const outcomes: StageOutcome[] = [];
  for (const range of ranges) {
    outcomes.push(
      await runStage('quality', 'br-guard quality check --since <remote>', async () => {
        const files = (await deps.git.rangeChanges(range.from, range.to)).filter((c) => c.status !== 'D').map((c) => c.path);
        const result = await deps.systems.runQualityCheck(deps.git, loaded, {
          scope: { kind: 'commit', ref: range.to, files },
          fix: false,
        });
        return describeQuality(result, files.length);
      }),
    );
  }
  return outcomes;
}

/**
 * The pre-commit's quality stage for commits that skipped it: the files they change, as the
 * pushed tip holds them (git objects, not the work tree: an edit made since, committed or not,
 * must not decide what the push sends), without fixes. One stage per pushed tip (usually one).
 * Each summary names the commits.
 */
export async function unrecordedQualityStages(
  deps: Pick<HookDeps, 'git' | 'systems'>,
  loaded: Awaited<ReturnType<HookDeps['loadConfig']>>,
  unrecorded: CommitsToCheck['coverage'],
  tips: CommitsToCheck['tips'],
): Promise<StageOutcome[]> {
  const byFile = await filesChangedBy(deps.git, unrecorded);
  const byTip = new Map<string, CommitsToCheck['coverage']>();
  for (const c of unrecorded) {
    const tip = tips.get(c.commit) ?? c.commit;
    byTip.set(tip, [...(byTip.get(tip) ?? []), c]);
  }
  const outcomes: StageOutcome[] = [];
  for (const [tip, commits] of byTip) {
    const mine = new Set(commits.map((c) => c.commit));
    const files = [...byFile].filter(([, by]) => by.some((commit) => mine.has(commit))).map(([file]) => file);
    const names = commits.slice(0, 3).map(nameCommit).join(', ') + (commits.length > 3 ? ` and ${commits.length - 3} more` : '');
    const more = `br-guard quality check ${files.slice(0, 3).join(' ')}${files.length > 3 ? ' ...' : ''}`;
    outcomes.push(
      await runStage('quality', more, async () => {
        if (!files.length) return { status: 'passed', summary: `nothing to check in ${names}`, details: [] };
        const result = await deps.systems.runQualityCheck(deps.git, loaded, {
          scope: { kind: 'commit', ref: tip, files },
          fix: false,
          preCommit: true,
        });
        const described = describeQuality(result, files.length);
        if (described.status === 'passed') return described;
        return { ...described, summary: `${described.summary} (commits without a pre-commit record: ${names})` };
      }),
    );
  }
  return outcomes;
}
