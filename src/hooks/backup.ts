import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../adapters/git.js';
import { writeFileAtomic, writeJsonAtomic } from '../adapters/file-system.js';
import { realIndexPath } from '../build/snapshot-trees.js';
import { createSnapshot } from './snapshot.js';

export const BACKUP_PREFIX = 'refs/buildrunner/backup/';

/** What a running hook leaves in its own worktree's git dir while it may change files. */
export interface BackupMarker {
  ref: string;
  commit: string;
  pid: number;
  hook: string;
  startedAt: string;
  /** The raw index file saved beside the marker, for a byte-exact restore. */
  indexCopy: string | null;
}

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

/**
 * Saves index and work tree under `refs/buildrunner/backup/<time>-<pid>` before a hook changes a
 * file, and writes the marker that lets the next command find it if this process dies.
 */
export async function beginBackup(git: Git, hook: string, now = new Date(), maxUntrackedFileBytes?: number): Promise<BackupMarker> {
  const snapshot = await createSnapshot(git, `br-guard ${hook} backup`, maxUntrackedFileBytes);
  const ref = backupRefName(now, process.pid);
  await git.updateRef(ref, snapshot.commit, null, `br-guard: ${hook} backup`);
  const dir = join(git.gitDir, 'br-guard');
  await mkdir(dir, { recursive: true });
  const indexCopy = join(dir, `${ref.slice(BACKUP_PREFIX.length)}.index`);
  let copied: string | null = indexCopy;
  try {
    await writeIndexCopy(realIndexPath(git), indexCopy);
  } catch {
    copied = null;
  }
  const marker: BackupMarker = { ref, commit: snapshot.commit, pid: process.pid, hook, startedAt: now.toISOString(), indexCopy: copied };
  await writeJsonAtomic(markerPath(git.gitDir), marker);
  return marker;
}

async function writeIndexCopy(from: string, to: string): Promise<void> {
  await writeFileAtomic(to, await readFile(from));
}

/** The hook finished cleanly (files as intended): drop the ref, the index copy and the marker. */
export async function endBackup(git: Git, marker: BackupMarker): Promise<void> {
  await git.run(['update-ref', '-d', marker.ref, marker.commit], { allowFailure: true });
  if (marker.indexCopy) await rm(marker.indexCopy, { force: true });
  await rm(markerPath(git.gitDir), { force: true });
}

/** Drops the marker (and the raw index copy) but keeps the backup ref. */
export async function discardMarker(git: Git): Promise<void> {
  const marker = await readMarker(git.gitDir);
  if (marker?.indexCopy) await rm(marker.indexCopy, { force: true });
  await rm(markerPath(git.gitDir), { force: true });
}

export async function readMarker(gitDir: string): Promise<BackupMarker | null> {
  try {
    return JSON.parse(await readFile(markerPath(gitDir), 'utf8')) as BackupMarker;
  } catch {
    return null;
  }
}

/** Whether a process still runs (a live hook's backup is no leftover). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A marker whose hook process is gone: the hook was killed and may have left files changed. */
export async function findLeftoverBackup(gitDir: string): Promise<BackupMarker | null> {
  const marker = await readMarker(gitDir);
  if (!marker || marker.pid === process.pid || isProcessAlive(marker.pid)) return null;
  return marker;
}

/** The message naming the one command that restores a leftover backup. */
export function leftoverMessage(marker: BackupMarker): string {
  return [
    `br-guard: a ${marker.hook} hook was interrupted at ${marker.startedAt} and may have left files half-fixed.`,
    `  Your index and work tree from before it ran are saved in ${marker.ref}.`,
    `  Restore them with:  br-guard hook restore ${marker.ref}`,
    `  (or keep things as they are:  br-guard hook restore --discard)`,
  ].join('\n');
}
