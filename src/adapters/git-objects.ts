import type { Git } from './git.js';
import { CatFileBatch, type BatchAnswer } from './cat-file-batch.js';
import { parseBatchCheck, parseBatchOutput } from './git-output.js';

/** `quality.maxFileBytes`' default: staged files over 2 MB are left out of the text checks. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A full object id (SHA-1 or SHA-256): content-addressed, so what it names never changes. */
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** Bytes of object content remembered per repository handle; past it, reads go to git again. */
const MEMO_BYTES = 32 * 1024 * 1024;

interface ObjectMemo {
  contents: Map<string, Buffer>;
  sizes: Map<string, number>;
  bytes: number;
  /** Long-lived readers for object ids (cat-file-batch.ts), one per kind, made on first use. */
  readers: { contents?: CatFileBatch; sizes?: CatFileBatch };
}

// The stages of one hook (secrets, drift, quality) read the same staged blobs through one Git:
// each is fetched from git once. Only ids are remembered (a `rev:path` name can change meaning)
// and only objects that exist (one that is missing may be written a moment later).
const memos = new WeakMap<Git, ObjectMemo>();

function memoOf(git: Git): ObjectMemo {
  let memo = memos.get(git);
  if (!memo) memos.set(git, (memo = { contents: new Map(), sizes: new Map(), bytes: 0, readers: {} }));
  return memo;
}

/**
 * Reads many git objects (blob ids or `rev:path` names) with one `git cat-file --batch`, so a
 * check that needs hundreds of files spawns one process, not hundreds. Missing objects map to null.
 */
export async function readObjects(git: Git, names: readonly string[]): Promise<Map<string, Buffer | null>> {
  const result = new Map<string, Buffer | null>();
  const memo = memoOf(git);
  // A name with a newline cannot go through the line-based batch protocol.
  const batchable: string[] = [];
  for (const name of new Set(names)) {
    const known = memo.contents.get(name);
    if (known) result.set(name, known);
    else if (name.includes('\n')) result.set(name, null);
    else batchable.push(name);
  }
  if (batchable.length === 0) return result;
  // Ids through the long-lived reader; names (and ids it could not answer) through one cat-file.
  const ids = batchable.filter((name) => OBJECT_ID.test(name));
  const answers = await readIds(git, memo, 'contents', ids);
  if (answers) ids.forEach((id, i) => result.set(id, answers[i]?.type === 'blob' ? (answers[i]!.content ?? null) : null));
  const rest = answers ? batchable.filter((name) => !OBJECT_ID.test(name)) : batchable;
  if (rest.length) {
    const run = await git.run(['cat-file', '--batch'], { input: `${rest.join('\n')}\n`, binary: true });
    parseBatchOutput(run.stdoutBuffer, rest, result);
  }
  for (const name of batchable) {
    const content = result.get(name);
    if (!content || !OBJECT_ID.test(name) || memo.bytes + content.length > MEMO_BYTES) continue;
    memo.contents.set(name, content);
    memo.sizes.set(name, content.length);
    memo.bytes += content.length;
  }
  return result;
}

/**
 * Object ids through the Git's long-lived reader; null (the caller runs a one-shot cat-file) for
 * a test's in-memory git, or when the reader's process failed (it is made again next time).
 */
async function readIds(git: Git, memo: ObjectMemo, kind: 'contents' | 'sizes', ids: string[]): Promise<Array<BatchAnswer | null> | null> {
  if (!git.runsRealGit || !ids.length) return null;
  const reader = (memo.readers[kind] ??= new CatFileBatch(git.root, kind === 'contents' ? '--batch' : '--batch-check'));
  return reader.read(ids).catch(() => null);
}

/** The tree of a commit (by id), read through the Git's long-lived reader when it has one. */
export async function commitTree(git: Git, commit: string): Promise<string | null> {
  if (OBJECT_ID.test(commit)) {
    const [answer] = (await readIds(git, memoOf(git), 'contents', [commit])) ?? [];
    const tree = answer?.type === 'commit' ? /^tree ([0-9a-f]+)\n/.exec(answer.content?.toString('latin1') ?? '')?.[1] : undefined;
    if (tree) return tree;
  }
  return git.readRef(`${commit}^{tree}`);
}

/** Blobs by id, one `cat-file --batch` for all of them; ids that are missing are left out. */
export async function readBlobs(git: Git, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  for (const [id, content] of await readObjects(git, ids)) if (content) blobs.set(id, content);
  return blobs;
}

/**
 * Object sizes by id with one `cat-file --batch-check` (headers only, no content), so a stage can
 * leave a 30 MB blob unread instead of loading it to find out it is too big. Missing ids are left out.
 */
export async function readObjectSizes(git: Git, ids: readonly string[]): Promise<Map<string, number>> {
  const memo = memoOf(git);
  const sizes = new Map<string, number>();
  const unknown: string[] = [];
  for (const id of new Set(ids)) {
    if (!id || id.includes('\n')) continue;
    const size = memo.sizes.get(id);
    if (size !== undefined) sizes.set(id, size);
    else unknown.push(id);
  }
  if (!unknown.length) return sizes;
  const answers = unknown.every((id) => OBJECT_ID.test(id)) ? await readIds(git, memo, 'sizes', unknown) : null;
  const known = answers
    ? new Map(unknown.flatMap((id, i) => (answers[i] ? [[id, answers[i]!.size] as const] : [])))
    : parseBatchCheck((await git.run(['cat-file', '--batch-check'], { input: `${unknown.join('\n')}\n` })).stdout, unknown);
  for (const [id, size] of known) {
    sizes.set(id, size);
    if (OBJECT_ID.test(id)) memo.sizes.set(id, size);
  }
  return sizes;
}

/** NUL in the first 8 KB: git's own test for a binary file. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/**
 * Staged blobs for the text checks: ids over `maxBytes` are not read at all, binary ones are
 * read (they are under the limit) but not returned; each skip comes back with its reason.
 */
export async function readTextBlobs(
  git: Git,
  ids: readonly string[],
  maxBytes: number,
): Promise<{ blobs: Map<string, Buffer>; skipped: Map<string, string> }> {
  const sizes = await readObjectSizes(git, ids);
  const skipped = new Map<string, string>();
  const small: string[] = [];
  for (const [id, size] of sizes) {
    if (size > maxBytes) skipped.set(id, `${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (quality.maxFileBytes)`);
    else small.push(id);
  }
  const blobs = await readBlobs(git, small);
  for (const [id, content] of blobs) {
    if (looksBinary(content)) {
      blobs.delete(id);
      skipped.set(id, 'binary');
    }
  }
  return { blobs, skipped };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} B`;
}
