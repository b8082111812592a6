import { UserError } from '../domain/errors.js';
import { CHECKPOINT_REF_PREFIX, type CheckpointMeta, type CheckpointSummary } from '../domain/checkpoint.js';
import type { Git } from '../adapters/git.js';
import type { BuildState } from './build-state.js';
import { parseBatchObjects } from '../adapters/git-output.js';

/** Every checkpoint, oldest first, read with one `git cat-file --batch`. */
export async function listCheckpoints(git: Git): Promise<CheckpointSummary[]> {
  const refs = await git.listRefs(CHECKPOINT_REF_PREFIX);
  if (refs.length === 0) return [];
  const metas = await readBlobs(
    git,
    refs.map((ref) => `${ref.commit}:meta.json`),
  );
  const list: CheckpointSummary[] = [];
  refs.forEach((ref, i) => {
    const meta = parseMeta(metas[i] ?? null);
    if (!meta) return; // A ref someone else put under our prefix.
    list.push({
      name: ref.ref.slice(CHECKPOINT_REF_PREFIX.length),
      commit: ref.commit,
      createdAt: meta.createdAt,
      message: meta.message,
      auto: meta.auto,
    });
  });
  return list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

export interface CheckpointContent {
  name: string;
  commit: string;
  meta: CheckpointMeta;
  worktree: string;
  index: string;
  state: BuildState | null;
}

/** Everything a checkpoint saved. Unknown name: exit 2. */
export async function readCheckpoint(git: Git, name: string): Promise<CheckpointContent> {
  const commit = await git.readRef(CHECKPOINT_REF_PREFIX + name);
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) throw new UserError(`unknown checkpoint: ${name} (see \`br-guard build checkpoints\`)`);
  const [meta, state, worktree, index] = await readBlobs(
    git,
    [`${commit}:meta.json`, `${commit}:state.json`, `${commit}:worktree`, `${commit}:index`],
    true,
  );
  const parsed = parseMeta(meta ?? null);
  if (!parsed || !worktree || !index) throw new UserError(`checkpoint ${name} is not a br-guard checkpoint`);
  return {
    name,
    commit,
    meta: parsed,
    worktree: worktree.toString('utf8'),
    index: index.toString('utf8'),
    state: state ? (JSON.parse(state.toString('utf8')) as BuildState) : null,
  };
}

/**
 * Reads objects through one `git cat-file --batch` (or `--batch-check` for ids only): null for
 * the ones that are missing.
 */
export async function readBlobs(git: Git, specs: string[], idsOfTrees = false): Promise<Array<Buffer | null>> {
  const result = await git.run(['cat-file', '--batch'], { input: `${specs.join('\n')}\n`, binary: true });
  // A tree's body is binary and of no use here: when asked, its id stands for it.
  return parseBatchObjects(result.stdoutBuffer, specs.length).map((object) =>
    object && idsOfTrees && object.type === 'tree' ? Buffer.from(object.id) : (object?.content ?? null),
  );
}

function parseMeta(buffer: Buffer | null): CheckpointMeta | null {
  if (!buffer) return null;
  try {
    const meta = JSON.parse(buffer.toString('utf8')) as CheckpointMeta;
    return meta && meta.version === 1 && typeof meta.createdAt === 'string' ? meta : null;
  } catch {
    return null;
  }
}
