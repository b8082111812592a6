import { CHECKPOINT_REF_PREFIX } from '../domain/checkpoint.js';
import type { Git } from '../adapters/git.js';
import { listCheckpoints } from './list-checkpoints.js';

/** Keeps the newest `keep` automatic checkpoints; manual ones are never pruned. Returns the names removed. */
export async function pruneAutomaticCheckpoints(git: Git, keep: number, protect: readonly string[] = []): Promise<string[]> {
  // Counting refs is one cheap call; reading every checkpoint's metadata only when it may matter.
  if ((await git.listRefs(CHECKPOINT_REF_PREFIX)).length <= Math.max(keep, 1)) return [];
  const automatic = (await listCheckpoints(git)).filter((checkpoint) => checkpoint.auto && !protect.includes(checkpoint.name));
  const excess = automatic.slice(0, Math.max(0, automatic.length - Math.max(keep, 1)));
  for (const checkpoint of excess) await git.deleteRef(CHECKPOINT_REF_PREFIX + checkpoint.name, checkpoint.commit);
  return excess.map((checkpoint) => checkpoint.name);
}
