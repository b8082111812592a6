import { UsageError } from '../domain/errors.js';
import { CHECKPOINT_REF_PREFIX, checkpointNameProblem, type CheckpointMeta } from '../domain/checkpoint.js';
import type { Git } from '../adapters/git.js';
import type { BuildState } from './build-state.js';
import { isProcessAlive, readBuildState, writeBuildState } from './build-state.js';
import { snapshotTrees } from './snapshot-trees.js';
import { pruneAutomaticCheckpoints } from './prune-checkpoints.js';

export interface CheckpointOptions {
  /** Default for automatic checkpoints: `auto-<timestamp>`. Required to be new. */
  name?: string;
  message?: string;
  auto: boolean;
}

export interface SaveCheckpointOptions extends CheckpointOptions {
  /** The build state to store; given the chosen name so it can name itself its last checkpoint. */
  state: (name: string) => BuildState | null;
  maxUntrackedFileBytes: number;
  keepAutomatic: number;
  now?: Date;
  /** First part of a generated name (default `auto`). */
  namePrefix?: string;
  /** Automatic checkpoints that retention must not prune (a rollback's target). */
  protect?: string[];
}

export interface SavedCheckpoint {
  name: string;
  commit: string;
  meta: CheckpointMeta;
  /** The saved work tree's and index's tree ids. */
  worktree: string;
  index: string;
}

const CHECKPOINT_IDENTITY = {
  GIT_AUTHOR_NAME: 'br-guard',
  GIT_AUTHOR_EMAIL: 'br-guard@localhost',
  GIT_COMMITTER_NAME: 'br-guard',
  GIT_COMMITTER_EMAIL: 'br-guard@localhost',
};

/**
 * Saves HEAD, the index, the work tree and the build state as a checkpoint, reading the size cap
 * and retention from the config and the build state from `.buildrunner/build-state.json`. This is
 * the entry point other systems (hooks) call.
 */
export async function createCheckpoint(
  git: Git,
  options: CheckpointOptions,
): Promise<{ name: string; commit: string; skipped: CheckpointMeta['skipped'] }> {
  const { loadConfig } = await import('../config/load-config.js');
  const { config } = await loadConfig(git.root);
  const current = await readBuildState(git.root);
  const saved = await saveCheckpoint(git, {
    ...options,
    state: (name) => (current ? { ...current, lastCheckpoint: name } : null),
    maxUntrackedFileBytes: config.build.checkpoints.maxUntrackedFileBytes,
    keepAutomatic: config.build.checkpoints.keepAutomatic,
  });
  // The state on disk names its latest checkpoint, unless a live build owns the file.
  if (current && !(current.state === 'running' && isProcessAlive(current.pid, current.pidStartTime))) {
    await writeBuildState(git.root, { ...current, lastCheckpoint: saved.name });
  }
  return { name: saved.name, commit: saved.commit, skipped: saved.meta.skipped };
}

/** Writes one checkpoint commit and points its ref at it (compare-and-swap: never overwrites). */
export async function saveCheckpoint(git: Git, options: SaveCheckpointOptions): Promise<SavedCheckpoint> {
  const now = options.now ?? new Date();
  if (options.name !== undefined) {
    const problem = checkpointNameProblem(options.name);
    if (problem) throw new UsageError(`invalid checkpoint name "${options.name}": ${problem}`);
  }
  // Independent reads run side by side: a checkpoint is on the hook path and must stay fast.
  const [existing, trees, head, branch] = await Promise.all([
    options.name !== undefined ? git.readRef(CHECKPOINT_REF_PREFIX + options.name) : null,
    snapshotTrees(git, { maxUntrackedFileBytes: options.maxUntrackedFileBytes }),
    git.headCommit(),
    git.headRef(),
  ]);
  if (existing) throw new UsageError(`checkpoint "${options.name}" already exists`);
  for (let attempt = 1; ; attempt++) {
    const name = options.name ?? autoName(options.namePrefix ?? 'auto', now, attempt);
    const meta: CheckpointMeta = {
      version: 1,
      name,
      message: options.message ?? '',
      auto: options.auto,
      createdAt: now.toISOString(),
      head,
      branch,
      skipped: trees.skipped,
    };
    const state = options.state(name);
    const [metaBlob, stateBlob] = await Promise.all([
      writeBlob(git, `${JSON.stringify(meta, null, 2)}\n`),
      state ? writeBlob(git, `${JSON.stringify(state, null, 2)}\n`) : null,
    ]);
    const entries = [`040000 tree ${trees.worktree}\tworktree`, `040000 tree ${trees.index}\tindex`, `100644 blob ${metaBlob}\tmeta.json`];
    if (stateBlob) entries.push(`100644 blob ${stateBlob}\tstate.json`);
    const tree = (await git.text(['mktree'], { input: `${entries.join('\n')}\n` })).trim();
    const subject = `br-guard checkpoint ${name}${meta.message ? `: ${meta.message}` : ''}`;
    const args = ['commit-tree', tree, '-m', subject];
    if (head) args.push('-p', head);
    const commit = (await git.text(args, { env: CHECKPOINT_IDENTITY })).trim();
    const ref = CHECKPOINT_REF_PREFIX + name;
    try {
      await git.updateRef(ref, commit, null, `br-guard: checkpoint ${name}`);
    } catch (error) {
      // Two automatic checkpoints in the same millisecond: take the next suffix.
      if (options.name === undefined && attempt < 50) continue;
      throw error;
    }
    if (options.auto) await pruneAutomaticCheckpoints(git, options.keepAutomatic, options.protect ?? []);
    return { name, commit, meta, worktree: trees.worktree, index: trees.index };
  }
}

function autoName(prefix: string, now: Date, attempt: number): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return attempt === 1 ? `${prefix}-${stamp}` : `${prefix}-${stamp}-${attempt}`;
}

async function writeBlob(git: Git, content: string): Promise<string> {
  return (await git.text(['hash-object', '-w', '--stdin'], { input: content })).trim();
}
