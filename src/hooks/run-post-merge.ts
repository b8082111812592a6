import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../adapters/file-system.js';
import { runAutoCheckpoint } from './auto-checkpoint.js';
import { describeGaps } from './describe-results.js';
import type { HookDeps } from './hook-deps.js';
import { runStage, skippedOutcome } from './run-stage.js';
import { findSpecFile } from './spec-presence.js';
import { capDetails, location, plural, type HookResult, type StageOutcome } from './stage-outcome.js';
import type { Gap } from '../gaps/types.js';

/** Where post-merge remembers the gaps it last saw, to tell which ones a merge brought. */
export const LAST_GAPS_FILE = '.buildrunner/cache/hook-last-gaps.json';

/**
 * post-merge: refresh the manifest and the progress history, say whether the merge changed the
 * spec and which gaps are new, checkpoint an active build. A merge is already done when this
 * runs, so it reports and never blocks (its exit code is informative only).
 */
export async function runPostMerge(deps: HookDeps): Promise<HookResult> {
  const { git, skips } = deps;
  const notes: string[] = [];
  const outcomes: StageOutcome[] = [];
  const loaded = await deps.loadConfig();
  const specFile = await findSpecFile(git, loaded);
  if (!specFile) {
    notes.push('br-guard: post-merge: no PROJECT_SPEC.md, no manifest or gaps to refresh');
  } else {
    if (await specChanged(deps, specFile)) notes.push(`br-guard: this merge changed the spec (${specFile})`);
    if (skips.skipped.has('manifest')) outcomes.push(skippedOutcome('manifest', 'skipped (BR_GUARD_SKIP)'));
    else {
      outcomes.push(
        await runStage('manifest', 'br-guard manifest --json', async () => {
          const manifest = await deps.systems.refreshManifest(git, await deps.systems.loadSpec(git, loaded));
          return {
            status: 'passed',
            summary: `.buildrunner/manifest.json refreshed (${plural(manifest.items.length, 'item')})`,
            details: [],
          };
        }),
      );
    }
    if (skips.skipped.has('gaps')) outcomes.push(skippedOutcome('gaps', 'skipped (BR_GUARD_SKIP)'));
    else outcomes.push(await gapsAfterMerge(deps, loaded));
  }
  if (skips.skipped.has('checkpoint')) outcomes.push(skippedOutcome('checkpoint', 'skipped (BR_GUARD_SKIP)'));
  else {
    const checkpoint = await runAutoCheckpoint(deps, 'post-merge');
    if (checkpoint) outcomes.push(checkpoint);
  }
  return { exitCode: 0, outcomes, notes };
}

async function specChanged(deps: HookDeps, specFile: string): Promise<boolean> {
  const orig = await deps.git.readRef('ORIG_HEAD^{commit}');
  if (!orig) return false;
  const out = await deps.git.text(['diff', '--name-only', orig, 'HEAD', '--', specFile]);
  return out.trim().length > 0;
}

async function gapsAfterMerge(deps: HookDeps, loaded: Awaited<ReturnType<HookDeps['loadConfig']>>): Promise<StageOutcome> {
  const outcome = await runStage('gaps', 'br-guard gaps', async () => {
    const spec = await deps.systems.loadSpec(deps.git, loaded);
    const report = await deps.systems.runGapAnalysis(deps.git, loaded, spec, { recordProgress: true });
    const path = join(deps.git.root, LAST_GAPS_FILE);
    const previous = await readLastGaps(path);
    await writeJsonAtomic(
      path,
      report.gaps.map((gap) => gap.id),
    );
    const fresh = previous ? report.gaps.filter((gap) => !previous.has(gap.id)) : [];
    const described = describeGaps(report, null);
    if (fresh.length) {
      described.summary += `; ${plural(fresh.length, 'new gap')} since the last merge`;
      described.details = capDetails(fresh.map(describeGap));
    }
    return described;
  });
  // New gaps are news, not a failure: post-merge shows them right under the line.
  return outcome;
}

function describeGap(gap: Gap): string {
  return `${location(gap.file, gap.line) || gap.featureId || '(spec)'} ${gap.kind}: ${gap.message}`;
}

async function readLastGaps(path: string): Promise<Set<string> | null> {
  try {
    const ids = JSON.parse(await readFile(path, 'utf8')) as unknown;
    return Array.isArray(ids) ? new Set(ids.map(String)) : null;
  } catch {
    return null;
  }
}
