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
import type { LoadedConfig } from '../config/types.js';
import { runAutoCheckpoint } from './auto-checkpoint.js';
import { RECORDED_STAGES, writeCommitRecord } from './commit-record.js';
import { traceMark } from '../adapters/trace-marks.js';

type StagedScope = { kind: 'staged'; snapshot: StagedSnapshot };

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
  // git commit waits with the HEAD it read before the hook: read once, for every stage.
  git.pinHead();
  // One snapshot of the index for every stage: secrets, drift and quality judge the same content,
  // each blob read once, as `quality check --staged` and `drift check --staged` read it.
  const snapshot =
    deps.stagedDiff !== undefined ? StagedSnapshot.fromRawDiff(git, 'HEAD', deps.stagedDiff) : await StagedSnapshot.take(git);
  if (!snapshot.records.length) {
    notes.push('br-guard: nothing staged to check');
    return done();
  }
  traceMark('staged snapshot taken');
  const scope: StagedScope = { kind: 'staged', snapshot };
  const fileCount = snapshot.changedFiles().length;
  const loaded = await deps.loadConfig();
  // Big and binary files: named once here, never read by the stages that follow.
  const { text: entries, notes: skippedNotes } = await textEntries(snapshot, loaded.config.quality.maxFileBytes);
  notes.push(...skippedNotes);
  traceMark('config loaded');

  // The three stages run at once: secrets and drift here, quality's tools mostly in the warm
  // worker (another core). Their verdicts are still taken in order, stopping at the first that
  // blocks, and quality writes nothing (no backup, no fix) until the two before it have passed.
  const writes = writeGate();
  const secrets = skips.skipped.has('secrets')
    ? Promise.resolve(skippedOutcome('secrets', 'skipped (BR_GUARD_SKIP)'))
    : runStage('secrets', 'br-guard quality check --staged', async () =>
        describeSecrets(await deps.systems.runQualityCheck(git, loaded, { scope, fix: false, only: ['secrets'] }), fileCount),
      );
  const drift = driftStage(deps, loaded, scope);
  // Awaited below unless secrets blocks first; a failure to find the spec is the boundary's then.
  drift.catch(() => undefined);
  const quality = skips.skipped.has('quality')
    ? Promise.resolve(skippedOutcome('quality', 'skipped (BR_GUARD_SKIP)'))
    : !entries.length
      ? Promise.resolve(skippedOutcome('quality', 'no staged files with content to check'))
      : runStage('quality', 'br-guard quality check --staged', () => qualityWithFixes(deps, loaded, entries.length, scope, writes.allowed));
  for (const stage of [secrets, drift]) {
    outcomes.push(await stage);
    if (exitCodeFor(outcomes)) {
      // Quality may still be computing; it never writes now, and its outcome is not reported.
      writes.refuse();
      return done();
    }
  }
  writes.allow();
  outcomes.push(await quality);
  if (exitCodeFor(outcomes)) return done();

  if (skips.skipped.has('checkpoint')) outcomes.push(skippedOutcome('checkpoint', 'skipped (BR_GUARD_SKIP)'));
  else {
    const checkpoint = await runAutoCheckpoint(deps, 'pre-commit');
    if (checkpoint) outcomes.push(checkpoint);
    traceMark('auto checkpoint done');
  }
  // Passed: record it, so the pre-push can tell this commit from one made with --no-verify.
  if (!exitCodeFor(outcomes))
    await writeCommitRecord(
      git,
      RECORDED_STAGES.filter((stage) => !skips.skipped.has(stage)),
    );
  traceMark('commit record written');
  return done();
}

function driftStage(deps: HookDeps, loaded: LoadedConfig, scope: StagedScope): Promise<StageOutcome> {
  const { git, skips } = deps;
  if (skips.skipped.has('drift')) return Promise.resolve(skippedOutcome('drift', 'skipped (BR_GUARD_SKIP)'));
  return findSpecFile(git, loaded).then((specFile) =>
    specFile
      ? runStage('drift', 'br-guard drift check --staged', async () => {
          // runDriftCheck reads the spec and the config as staged (drift/staged-inputs.ts).
          const spec = await deps.systems.loadSpec(git, loaded);
          return describeDrift(await deps.systems.runDriftCheck(git, loaded, spec, scope), 'the staged changes');
        })
      : skippedOutcome('drift', 'skipped: no PROJECT_SPEC.md to check against'),
  );
}

/** Raised into quality's writes when a stage before it blocked the commit. */
class CommitBlockedError extends Error {
  constructor() {
    super('an earlier stage blocked the commit; quality writes nothing');
  }
}

/** Opens once the stages before quality have passed; quality's first write waits for it. */
function writeGate(): { allowed: Promise<void>; allow: () => void; refuse: () => void } {
  let allow!: () => void;
  let refuse!: (error: Error) => void;
  const allowed = new Promise<void>((resolve, reject) => {
    allow = resolve;
    refuse = reject;
  });
  // Nobody may be waiting when it is refused (quality had nothing to write).
  allowed.catch(() => undefined);
  return { allowed, allow, refuse: () => refuse(new CommitBlockedError()) };
}

/**
 * Quality on the staged content with formatting fixes staged. A backup ref is written before
 * any file changes; a conflict with an unstaged edit or a failed gate puts every byte back.
 */
async function qualityWithFixes(
  deps: HookDeps,
  loaded: LoadedConfig,
  fileCount: number,
  scope: StagedScope,
  writesAllowed: Promise<void>,
): Promise<Pick<StageOutcome, 'status' | 'summary' | 'details'>> {
  const { git, guard } = deps;
  const undo = new UndoLog();
  const backup = lazyBackup(deps, loaded, undo, writesAllowed);
  try {
    // Index-native: the staged blobs are fixed in memory and staged, then carried into the work
    // tree (merged with unstaged edits); the checks judge exactly the staged change, as
    // `br-guard quality check --staged` does. Every write goes through the undo log.
    const result: QualityResult = await deps.systems.runQualityCheck(git, loaded, {
      scope,
      fix: true,
      // The checks of quality.preCommitChecks (by default not the whole-program type checkers).
      preCommit: true,
      // A fix is coming: the backup begins now (once the stages before have passed), while the
      // other files are still with the tools, instead of after all of them. A failure here is
      // seen again, and handled, by the write that awaits the same backup.
      onFixFound: () => void backup.begin().catch(() => undefined),
      writeFile: async (absolutePath, text) => {
        await backup.begin();
        return undo.writeFile(absolutePath, text);
      },
      writeIndex: async (write) => {
        await backup.begin();
        await undo.rememberIndex(realIndexPath(git));
        undo.markIndexChanged();
        return undo.track(write);
      },
    });
    const conflicts = result.fixConflicts ?? [];
    if (conflicts.length) {
      await backup.endIfWritten();
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
      const marker = await backup.written();
      if (skipped.length && marker) return keepBackup(deps, marker, skipped);
    } else if (result.fixed?.length) {
      described.summary += `; fixed and staged ${result.fixed.join(', ')}`;
    }
    await backup.endIfWritten();
    return described;
  } catch (error) {
    if (undo.isStopped) throw error;
    const skipped = await undo.undo();
    const edited = error instanceof ConcurrentEditError ? [...new Set([...error.files, ...skipped])] : skipped;
    const marker = await backup.written();
    if (edited.length && marker) return keepBackup(deps, marker, edited);
    if (marker) await endBackup(git, marker);
    // Another hook's marker appeared since the check at the start: leave it and everything else alone.
    if (error instanceof UnresolvedBackupError)
      return { status: 'failed', summary: 'commit stopped; nothing was changed', details: error.message.split('\n') };
    throw error;
  } finally {
    guard.disarm();
  }
}

/**
 * The pre-commit's backup, begun when the first write is due (or a fix is known), once the
 * stages before quality passed: a commit whose files need no fix writes none, and a kill before
 * it leaves nothing to restore. Arms the interrupt guard at once, so a signal at any moment from
 * here on restores: one that lands while the marker is being written waits for it, then cleans up.
 */
function lazyBackup(
  deps: HookDeps,
  loaded: LoadedConfig,
  undo: UndoLog,
  writesAllowed: Promise<void>,
): { begin: () => Promise<BackupMarker>; written: () => Promise<BackupMarker | null>; endIfWritten: () => Promise<void> } {
  const { git, guard } = deps;
  let markerWritten: Promise<BackupMarker> | null = null;
  const begin = (): Promise<BackupMarker> =>
    (markerWritten ??= writesAllowed.then(() => {
      // A signal's stop came first: no backup begins after its restore.
      if (undo.isStopped) throw new InterruptedError();
      traceMark('backup begins');
      return beginBackup(git, 'pre-commit', deps.now(), loaded.config.build.checkpoints.maxUntrackedFileBytes).then(
        (marker) => (traceMark('backup written'), marker),
      );
    }));
  const written = async (): Promise<BackupMarker | null> => (markerWritten ? markerWritten.catch(() => null) : null);
  guard.arm(async () => {
    // No write of the hook's own lands after this restore (see UndoLog.stop).
    const skipped = await undo.stop();
    const marker = await written();
    if (!marker) return;
    // A file someone saved meanwhile is left alone; the backup ref then stays for them.
    if (skipped.length) await discardMarker(git);
    else await endBackup(git, marker);
  });
  return {
    begin,
    written,
    // After a signal the handler owns the backup: the flow neither ends nor keeps it.
    endIfWritten: async () => {
      if (undo.isStopped) throw new InterruptedError();
      const marker = await written();
      if (marker) await endBackup(git, marker);
    },
  };
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
