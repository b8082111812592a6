import { link, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Git } from '../adapters/git.js';
import { readIndexWithTime } from '../adapters/index-timestamp.js';
import { removeStaleTempFiles, tempPathIn, writeFileAtomic } from '../adapters/file-system.js';
import { currentProcessIdentity, isProcessRunning } from '../adapters/process-liveness.js';
import { realIndexPath } from '../build/snapshot-trees.js';
import { createSnapshot } from './snapshot.js';

export const BACKUP_PREFIX = 'refs/buildrunner/backup/';

/** What a running hook leaves in its own worktree's git dir while it may change files. */
export interface BackupMarker {
  ref: string;
  commit: string;
  pid: number;
  /**
   * When the hook's process started (Linux: `/proc/<pid>/stat` field 22; macOS: `ps -o lstart=`).
   * With the pid it tells the hook from a stranger that got its pid after it died.
   */
  pidStartTime?: string | null;
  hook: string;
  startedAt: string;
  /** The raw index file saved beside the marker, for a byte-exact restore. */
  indexCopy: string | null;
  /** The index file's mtime when it was copied: it goes back with the bytes (adapters/index-timestamp.ts). */
  indexMtimeMs?: number | null;
}

/**
 * A marker whose hook is gone. `unreadable` when the marker file is not a marker (truncated,
 * garbage): the hook that wrote it cannot be told, so it counts as interrupted too.
 */
export type LeftoverBackup = BackupMarker & { unreadable?: string };

/** The marker lives in the per-worktree git dir, so two worktrees never see each other's. */
export function markerPath(gitDir: string): string {
  return join(gitDir, 'br-guard', 'hook-backup.json');
}

/** A ref name that sorts by time and never collides between processes. */
export function backupRefName(now: Date, pid: number): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d+)Z$/, '$1Z');
  return `${BACKUP_PREFIX}${stamp}-${pid}`;
}

/** A second hook in the same worktree, or a leftover: a new backup would overwrite its marker. */
export class UnresolvedBackupError extends Error {
  constructor(readonly marker: LeftoverBackup | null) {
    super(marker ? leftoverMessage(marker) : 'another br-guard hook is running in this worktree');
    this.name = 'UnresolvedBackupError';
  }
}

/**
 * Saves index and work tree under `refs/buildrunner/backup/<time>-<pid>` before a hook changes a
 * file, and writes the marker that lets the next command find it if this process dies. An
 * existing marker is never overwritten: the marker is linked into place, which fails when one
 * is there (a leftover not yet restored, or another hook of this worktree still running).
 */
export async function beginBackup(git: Git, hook: string, now = new Date(), maxUntrackedFileBytes?: number): Promise<BackupMarker> {
  const existing = await readMarkerFile(git.gitDir);
  if (existing) throw new UnresolvedBackupError(await findLeftoverBackup(git.gitDir));
  const dir = join(git.gitDir, 'br-guard');
  await mkdir(dir, { recursive: true });
  await Promise.all([removeStrayIndexCopies(dir), removeStaleTempFiles(join(dir, 'tmp'))]);
  const snapshot = await createSnapshot(git, `br-guard ${hook} backup`, maxUntrackedFileBytes);
  const ref = backupRefName(now, process.pid);
  await git.updateRef(ref, snapshot.commit, null, `br-guard: ${hook} backup`);
  const indexCopy = join(dir, `${ref.slice(BACKUP_PREFIX.length)}.index`);
  let copied: string | null = indexCopy;
  let indexMtimeMs: number | null = null;
  try {
    indexMtimeMs = await writeIndexCopy(realIndexPath(git), indexCopy);
  } catch {
    copied = null;
  }
  const identity = currentProcessIdentity();
  const marker: BackupMarker = {
    ref,
    commit: snapshot.commit,
    pid: process.pid,
    pidStartTime: identity?.startTime ?? null,
    hook,
    startedAt: now.toISOString(),
    indexCopy: copied,
    indexMtimeMs,
  };
  try {
    await createExclusive(markerPath(git.gitDir), `${JSON.stringify(marker, null, 2)}\n`);
  } catch (error) {
    // Lost a race with another hook of this worktree: ours is a plain backup nobody needs.
    await git.run(['update-ref', '-d', ref, snapshot.commit], { allowFailure: true });
    if (copied) await rm(copied, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UnresolvedBackupError(await findLeftoverBackup(git.gitDir));
    throw error;
  }
  return marker;
}

/** Writes a whole file at `path` only if none is there: a temp file, flushed, then hard-linked. */
async function createExclusive(path: string, text: string): Promise<void> {
  const temp = tempPathIn(join(path, '..'), path);
  await writeFileAtomic(temp, text);
  try {
    await link(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Copies the index; returns its mtime, which the marker keeps for the restore. */
async function writeIndexCopy(from: string, to: string): Promise<number> {
  const { bytes, mtime } = await readIndexWithTime(from);
  await writeFileAtomic(to, bytes);
  return mtime.getTime();
}

/**
 * Index copies that no marker names: a hook killed after copying the index but before its
 * marker landed. Called only while no marker exists, so every copy is a stray.
 */
async function removeStrayIndexCopies(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.endsWith('.index')).map((name) => rm(join(dir, name), { force: true })));
}

/** The hook finished cleanly (files as intended): drop the ref, the index copy and the marker. */
export async function endBackup(git: Git, marker: BackupMarker): Promise<void> {
  // The marker goes first: it is what says a restore may be needed, so it must never outlive the
  // ref it names (a kill between the two would leave a restore command that cannot work). A kill
  // after it leaves only a stray ref and index copy, which nothing needs and the next run clears.
  await rm(markerPath(git.gitDir), { force: true });
  await git.run(['update-ref', '-d', marker.ref, marker.commit], { allowFailure: true });
  if (marker.indexCopy) await rm(marker.indexCopy, { force: true });
}

/** Drops the marker (and the raw index copy) but keeps the backup ref. */
export async function discardMarker(git: Git): Promise<void> {
  const marker = await readMarker(git.gitDir);
  if (marker?.indexCopy) await rm(marker.indexCopy, { force: true });
  await rm(markerPath(git.gitDir), { force: true });
  await removeStrayIndexCopies(join(git.gitDir, 'br-guard'));
}

type MarkerFile = { marker: BackupMarker } | { unreadable: string };

/** The marker file as found: a marker, something that is not one, or nothing (null). */
async function readMarkerFile(gitDir: string): Promise<MarkerFile | null> {
  let text: string;
  try {
    text = await readFile(markerPath(gitDir), 'utf8');
  } catch {
    return null;
  }
  const marker = parseMarker(text);
  return marker ? { marker } : { unreadable: text.trim() ? 'not a br-guard backup marker' : 'empty' };
}

/** Validates a marker's JSON; null for anything else (truncated, garbage, wrong shape). */
export function parseMarker(text: string): BackupMarker | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const marker = value as Partial<BackupMarker> | null;
  if (
    !marker ||
    typeof marker !== 'object' ||
    typeof marker.ref !== 'string' ||
    !marker.ref.startsWith(BACKUP_PREFIX) ||
    typeof marker.commit !== 'string' ||
    typeof marker.pid !== 'number' ||
    typeof marker.hook !== 'string' ||
    typeof marker.startedAt !== 'string'
  ) {
    return null;
  }
  return {
    ref: marker.ref,
    commit: marker.commit,
    pid: marker.pid,
    pidStartTime: typeof marker.pidStartTime === 'string' ? marker.pidStartTime : null,
    hook: marker.hook,
    startedAt: marker.startedAt,
    indexCopy: typeof marker.indexCopy === 'string' ? marker.indexCopy : null,
    indexMtimeMs: typeof marker.indexMtimeMs === 'number' && Number.isFinite(marker.indexMtimeMs) ? marker.indexMtimeMs : null,
  };
}

export async function readMarker(gitDir: string): Promise<BackupMarker | null> {
  const file = await readMarkerFile(gitDir);
  return file && 'marker' in file ? file.marker : null;
}

/** Whether a process still runs (a live hook's backup is no leftover). Zombies and reused pids do not. */
export function isProcessAlive(pid: number, startTime?: string | null): boolean {
  return isProcessRunning(pid, startTime);
}

/**
 * A marker whose hook process is gone: the hook was killed and may have left files changed.
 * Gone means no such pid, a zombie, or a pid now held by a process that started at another time.
 */
export async function findLeftoverBackup(gitDir: string): Promise<LeftoverBackup | null> {
  const file = await readMarkerFile(gitDir);
  if (!file) return null;
  if ('unreadable' in file) {
    const path = relative(join(gitDir, '..'), markerPath(gitDir)).split(sep).join('/');
    return {
      ref: '',
      commit: '',
      pid: 0,
      hook: 'br-guard',
      startedAt: 'an unknown time',
      indexCopy: null,
      unreadable: `${path}: ${file.unreadable}`,
    };
  }
  const { marker } = file;
  if (marker.pid === process.pid && marker.pidStartTime === (currentProcessIdentity()?.startTime ?? null)) return null;
  if (isProcessAlive(marker.pid, marker.pidStartTime)) return null;
  return marker;
}

/** The message naming the one command that restores a leftover backup. */
export function leftoverMessage(marker: LeftoverBackup): string {
  if (marker.unreadable) {
    return [
      `br-guard: the marker of an interrupted hook is unreadable (${marker.unreadable}).`,
      `  The newest backup of your index and work tree is in ${BACKUP_PREFIX}… (git for-each-ref ${BACKUP_PREFIX}).`,
      `  Restore it with:  br-guard hook restore`,
      `  (or keep things as they are:  br-guard hook restore --discard)`,
    ].join('\n');
  }
  return [
    `br-guard: a ${marker.hook} hook was interrupted at ${marker.startedAt} and may have left files half-fixed.`,
    `  Your index and work tree from before it ran are saved in ${marker.ref}.`,
    `  Restore them with:  br-guard hook restore ${marker.ref}`,
    `  (or keep things as they are:  br-guard hook restore --discard)`,
  ].join('\n');
}
