import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { removeStaleTempFiles } from '../adapters/file-system.js';
import { GitError, type Git } from '../adapters/git.js';
import { UserError } from '../domain/errors.js';
import { BACKUP_PREFIX, backupRefName, discardMarker, findLeftoverBackup, readMarker } from './backup.js';
import { replaceIndexUnderLock } from './index-lock.js';
import { realIndexPath } from '../build/snapshot-trees.js';
import { createSnapshot } from './snapshot.js';

export interface RestoreResult {
  ref: string;
  /** Work tree files written back from the backup. */
  restoredFiles: string[];
  /** Where the state from just before the restore is saved, so the restore can be undone. */
  savedAs: string;
}

/**
 * Puts index and work tree back as a backup ref recorded them. Files that differ from the
 * backup are written back; files created since are left alone (never delete work). The state
 * just before is saved as another backup first, so this, too, can be undone.
 */
export async function restoreBackup(git: Git, refArg: string): Promise<RestoreResult> {
  const ref = refArg.startsWith('refs/') ? refArg : `${BACKUP_PREFIX}${refArg}`;
  const commit = await git.readRef(`${ref}^{commit}`);
  if (!commit) throw new UserError(`no such backup: ${refArg} (list them with: git for-each-ref ${BACKUP_PREFIX})`);
  const indexCommit = await git.readRef(`${commit}^2`);
  if (!indexCommit) throw new UserError(`${ref} is not a br-guard backup (it has no index commit)`);

  const before = await createSnapshot(git, `br-guard: state before restoring ${ref}`);
  const savedAs = backupRefName(new Date(), process.pid);
  await git.updateRef(savedAs, before.commit, null, `br-guard: before restore of ${ref}`);

  const restoredFiles = await restoreWorkTree(git, commit);
  const marker = await readMarker(git.gitDir);
  const indexCopy = marker?.ref === ref ? marker.indexCopy : null;
  const indexPath = realIndexPath(git);
  const bytes = indexCopy ? await readFile(indexCopy).catch(() => null) : null;
  if (bytes) {
    const mtime = typeof marker?.indexMtimeMs === 'number' ? new Date(marker.indexMtimeMs) : null;
    await replaceIndexUnderLock(indexPath, bytes, mtime);
  } else await git.run(['read-tree', `${indexCommit}^{tree}`]);

  // The marker goes with its backup (an unreadable one too: the newest backup was its guess).
  if (!marker || marker.ref === ref) await discardMarker(git);
  await removeStaleTempFiles(join(git.gitDir, 'br-guard', 'tmp'));
  await removeStaleTempSiblings(git, restoredFiles);
  await git.run(['update-ref', '-d', ref, commit], { allowFailure: true });
  return { ref, restoredFiles, savedAs };
}

/** Writes back every file whose work tree content differs from the backup's work tree commit. */
async function restoreWorkTree(git: Git, commit: string): Promise<string[]> {
  const temp = join(git.gitDir, `br-guard-restore-${process.pid}-${Date.now()}.index`);
  const env = { GIT_INDEX_FILE: temp };
  try {
    await git.run(['read-tree', `${commit}^{tree}`], { env });
    await git.run(['update-index', '-q', '--refresh'], { env, allowFailure: true });
    const changed = (await git.text(['diff-files', '--name-only', '-z'], { env })).split('\0').filter(Boolean);
    if (changed.length) {
      const result = await git.run(['checkout-index', '-f', '-z', '--stdin'], {
        env,
        input: `${changed.join('\0')}\0`,
        allowFailure: true,
      });
      if (result.code !== 0) throw new GitError(`cannot write back files: ${result.stderr.trim().split('\n')[0]}`);
    }
    return changed;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Forgets a leftover backup without touching files (the user keeps things as they are). */
export async function discardLeftover(git: Git): Promise<string | null> {
  const leftover = await findLeftoverBackup(git.gitDir);
  if (!leftover) return null;
  await discardMarker(git);
  await removeStaleTempFiles(join(git.gitDir, 'br-guard', 'tmp'));
  return leftover.unreadable ? `the newest of ${BACKUP_PREFIX}*` : leftover.ref;
}

/** The newest backup ref (names sort by time), for a marker too damaged to name its own. */
export async function newestBackupRef(git: Git): Promise<string | null> {
  const refs = (await git.text(['for-each-ref', '--format=%(refname)', BACKUP_PREFIX])).split('\n').filter(Boolean);
  return refs.sort().at(-1) ?? null;
}

/**
 * Temp files of atomic writes that went next to their target (the git dir was on another
 * device) and whose writer is gone: a killed hook's leftovers in the user's folders.
 */
async function removeStaleTempSiblings(git: Git, files: readonly string[]): Promise<void> {
  const dirs = new Set(files.map((file) => dirname(git.absolutePath(file))));
  for (const dir of dirs) await removeStaleTempFiles(dir);
}
