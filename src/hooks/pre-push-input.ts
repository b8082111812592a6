import { UsageError } from '../domain/errors.js';

const ZERO = /^0+$/;

/** One line of what git writes on a pre-push hook's stdin. */
export interface PushUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
  /** `delete`: the remote ref is removed; `create`: the remote has no such ref yet. */
  kind: 'create' | 'update' | 'delete';
}

/**
 * Parses `<local ref> SP <local sha> SP <remote ref> SP <remote sha> LF` lines (githooks(5)).
 * A deletion sends an all-zero local sha, a new remote ref an all-zero remote sha.
 */
export function parsePrePushInput(text: string): PushUpdate[] {
  const updates: PushUpdate[] = [];
  for (const [index, rawLine] of text.split('\n').entries()) {
    const line = rawLine.trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    const [localRef, localSha, remoteRef, remoteSha] = parts;
    if (parts.length !== 4 || !localRef || !localSha || !remoteRef || !remoteSha || !isSha(localSha) || !isSha(remoteSha)) {
      throw new UsageError(
        `pre-push input line ${index + 1} is not "<local ref> <local sha> <remote ref> <remote sha>": ${line.slice(0, 120)}`,
      );
    }
    const kind = ZERO.test(localSha) ? 'delete' : ZERO.test(remoteSha) ? 'create' : 'update';
    updates.push({ localRef, localSha, remoteRef, remoteSha, kind });
  }
  return updates;
}

function isSha(value: string): boolean {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(value);
}
