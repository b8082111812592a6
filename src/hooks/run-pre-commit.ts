import { ConcurrentEditError, InterruptedError, UndoLog } from './undo-log.js';
import {
  beginBackup,
  discardMarker,
  endBackup,
  findLeftoverBackup,
  leftoverMessage,
  readMarker,
  UnresolvedBackupError,
  type BackupMarker,
} from './backup.js';
import { realIndexPath } from '../build/snapshot-trees.js';
import { describeDrift, describeQuality, describeSecrets } from './describe-results.js';
import type { HookDeps } from './hook-deps.js';
import { ExitCode } from '../domain/exit-codes.js';
import { exitCodeFor, runStage, skippedOutcome } from './run-stage.js';
import { findSpecFile } from './spec-presence.js';
import { plural, type HookResult, type StageOutcome } from './stage-outcome.js';
import { textEntries } from './staged-entries.js';
import { StagedSnapshot } from '../adapters/staged-snapshot.js';
import type { QualityResult } from '../quality/types.js';
import { runAutoCheckpoint } from './auto-checkpoint.js';
import { RECORDED_STAGES, writeCommitRecord } from './commit-record.js';

/**
 * pre-commit, on what is staged, stopping at the first stage that blocks:
 * secrets → drift on the staged diff → quality with formatting fixes staged → auto checkpoint.
 */
export async function runPreCommit(deps: HookDeps): Promise<HookResult> {
  const { git, skips } = deps;
  const notes: string[] = [];
  const outcomes: StageOutcome[] = [];
  const done = (): HookResult => ({ exitCode: exitCodeFor(outcomes), outcomes, notes });

  // Before anything is read or written: a leftover backup (its hook killed, a zombie, or its pid
  // now someone else's) blocks until restored or discarded, and its marker is never overwritten.
  const leftover = await findLeftoverBackup(git.gitDir);
  if (leftover) {
    notes.push(leftoverMessage(leftover), 'br-guard: commit stopped so the half-fixed files are not committed; nothing was changed.');
    return { exitCode: ExitCode.blocking, outcomes, notes };
  }
  if (await readMarker(git.gitDir)) {
    notes.push('br-guard: another br-guard hook is running in this worktree; commit again when it has finished. Nothing was changed.');
    return { exitCode: ExitCode.blocking, outcomes, notes };
  }
  // One snapshot of the index for every stage: secrets, drift and quality judge the same content,
  // each blob read once, as `quality check --staged` and `drift check --staged` read it.
  const snapshot =
    deps.stagedDiff !== undefined ? StagedSnapshot.fromRawDiff(git, 'HEAD', deps.stagedDiff) : await StagedSnapshot.take(git);
  if (!snapshot.records.length) {
    notes.push('br-guard: nothing staged to check');
    return done();
  }
  const scope = { kind: 'staged', snapshot } as const;
  const fileCount = snapshot.changedFiles().length;
  const loaded = await deps.loadConfig();
  // Big and binary files: named once here, never read by the stages that follow.
  const { text: entries, notes: skippedNotes } = await textEntries(snapshot, loaded.config.quality.maxFileBytes);
  notes.push(...skippedNotes);

  if (skips.skipped.has('secrets')) outcomes.push(skippedOutcome('secrets', 'skipped (BR_GUARD_SKIP)'));
  else {
    outcomes.push(
      await runStage('secrets', 'br-guard quality check --staged', async () =>
        describeSecrets(await deps.systems.runQualityCheck(git, loaded, { scope, fix: false, only: ['secrets'] }), fileCount),
      ),
    );
    if (exitCodeFor(outcomes)) return done();
  }

  if (skips.skipped.has('drift')) outcomes.push(skippedOutcome('drift', 'skipped (BR_GUARD_SKIP)'));
  else if (!(await findSpecFile(git, loaded))) outcomes.push(skippedOutcome('drift', 'skipped: no PROJECT_SPEC.md to check against'));
  else {
    outcomes.push(
      await runStage('drift', 'br-guard drift check --staged', async () => {
        // runDriftCheck reads the spec and the config as staged (drift/staged-inputs.ts).
        const spec = await deps.systems.loadSpec(git, loaded);
        return describeDrift(await deps.systems.runDriftCheck(git, loaded, spec, scope), 'the staged changes');
      }),
    );
    if (exitCodeFor(outcomes)) return done();
  }

  if (skips.skipped.has('quality')) outcomes.push(skippedOutcome('quality', 'skipped (BR_GUARD_SKIP)'));
  else if (!entries.length) outcomes.push(skippedOutcome('quality', 'no staged files with content to check'));
  else {
    outcomes.push(
      await runStage('quality', 'br-guard quality check --staged', () => qualityWithFixes(deps, loaded, entries.length, scope)),
    );
    if (exitCodeFor(outcomes)) return done();
  }

  if (skips.skipped.has('checkpoint')) outcomes.push(skippedOutcome('checkpoint', 'skipped (BR_GUARD_SKIP)'));
  else {
    const checkpoint = await runAutoCheckpoint(deps, 'pre-commit');
    if (checkpoint) outcomes.push(checkpoint);
  }
  // Passed: record it, so the pre-push can tell this commit from one made with --no-verify.
  if (!exitCodeFor(outcomes))
    await writeCommitRecord(
      git,
      RECORDED_STAGES.filter((stage) => !skips.skipped.has(stage)),
    );
  return done();
}

/**
 * Quality on the staged content with formatting fixes staged. A backup ref is written before
 * any file changes; a conflict with an unstaged edit or a failed gate puts every byte back.
 */
async function qualityWithFixes(
  deps: HookDeps,
  loaded: Awaited<ReturnType<HookDeps['loadConfig']>>,
  fileCount: number,
  scope: { kind: 'staged'; snapshot: StagedSnapshot },
): Promise<Pick<StageOutcome, 'status' | 'summary' | 'details'>> {
  const { git, guard } = deps;
  const undo = new UndoLog();
  // Armed before the backup is written, so a signal at any moment from here on restores: one
  // that lands while the marker is being written waits for it, then cleans up.
  const markerWritten = beginBackup(git, 'pre-commit', deps.now(), loaded.config.build.checkpoints.maxUntrackedFileBytes);
  guard.arm(async () => {
    // No write of the hook's own lands after this restore (see UndoLog.stop).
    const skipped = await undo.stop();
    const written = await markerWritten.catch(() => null);
    if (!written) return;
    // A file someone saved meanwhile is left alone; the backup ref then stays for them.
    if (skipped.length) await discardMarker(git);
    else await endBackup(git, written);
  });
  let marker: BackupMarker;
  try {
    marker = await markerWritten;
  } catch (error) {
    guard.disarm();
    // Another hook's marker appeared since the check above: leave it and everything else alone.
    if (error instanceof UnresolvedBackupError)
      return { status: 'failed', summary: 'commit stopped; nothing was changed', details: error.message.split('\n') };
    throw error;
  }
  // After a signal the handler owns the backup: the flow neither ends nor keeps it.
  const unlessStopped = async <T>(step: () => Promise<T>): Promise<T> => {
    if (undo.isStopped) throw new InterruptedError();
    return step();
  };
  try {
    // Index-native: the staged blobs are fixed in memory and staged, then carried into the work
    // tree (merged with unstaged edits); the checks judge exactly the staged change, as
    // `br-guard quality check --staged` does. Every write goes through the undo log.
    const result: QualityResult = await deps.systems.runQualityCheck(git, loaded, {
      scope,
      fix: true,
      // The checks of quality.preCommitChecks (by default not the whole-program type checkers).
      preCommit: true,
      writeFile: (absolutePath, text) => undo.writeFile(absolutePath, text),
      writeIndex: async (write) => {
        await undo.rememberIndex(realIndexPath(git));
        undo.markIndexChanged();
        return undo.track(write);
      },
    });
    const conflicts = result.fixConflicts ?? [];
    if (conflicts.length) {
      await unlessStopped(() => endBackup(git, marker));
      return {
        status: 'failed',
        summary: `a formatting fix conflicts with unstaged edits in ${plural(conflicts.length, 'file')}; nothing was changed`,
        details: [...conflicts, 'stage those edits (or stash them) and commit again, or commit with BR_GUARD_SKIP=quality'],
      };
    }
    const described = describeQuality(result, fileCount);
    if (described.status !== 'passed') {
      // The commit stops: leave the user's index and files exactly as they were.
      const skipped = await undo.undo();
      if (skipped.length) return unlessStopped(() => keepBackup(deps, marker, skipped));
    } else if (result.fixed?.length) {
      described.summary += `; fixed and staged ${result.fixed.join(', ')}`;
    }
    await unlessStopped(() => endBackup(git, marker));
    return described;
  } catch (error) {
    if (undo.isStopped) throw error;
    const skipped = await undo.undo();
    const edited = error instanceof ConcurrentEditError ? [...new Set([...error.files, ...skipped])] : skipped;
    if (edited.length) return keepBackup(deps, marker, edited);
    await endBackup(git, marker);
    throw error;
  } finally {
    guard.disarm();
  }
}

/**
 * Someone saved a file while the hook ran: that edit is left alone and the commit stops. The
 * backup ref stays (without the marker, so the next commit is not blocked) for the user to compare.
 */
async function keepBackup(
  deps: HookDeps,
  marker: BackupMarker,
  files: string[],
): Promise<Pick<StageOutcome, 'status' | 'summary' | 'details'>> {
  await discardMarker(deps.git);
  return {
    status: 'failed',
    summary: `${plural(files.length, 'file')} changed while the hook ran; left as they are and the commit stopped`,
    details: [
      ...files.map((file) => deps.git.relativePath(file)),
      `the index and work tree from before the hook are saved in ${marker.ref} (br-guard hook restore ${marker.ref})`,
    ],
  };
}
