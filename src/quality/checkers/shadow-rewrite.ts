import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TextFixer } from '../types.js';
import { withShadowCopy } from './shadow-copy.js';

/**
 * Runs a disk-only fixer (`oxlint --fix`, `biome format --write`) on a shadow copy of `files`
 * (repo path → text) beside `extra` (the configs), and reads the files back: the fixed texts,
 * by repo path. The work tree is never written; the caller decides where the texts go.
 */
export async function rewriteInShadow(
  root: string,
  files: ReadonlyMap<string, string>,
  extra: ReadonlyMap<string, string>,
  run: (dir: string, paths: string[]) => Promise<void>,
): Promise<Map<string, string>> {
  const shadow = new Map(extra);
  for (const [path, text] of files) shadow.set(path, text);
  return withShadowCopy(root, shadow, async (dir) => {
    const paths = [...files.keys()];
    await run(dir, paths);
    return new Map(await Promise.all(paths.map(async (path) => [path, await readFile(join(dir, path), 'utf8')] as const)));
  });
}

/**
 * A per-file `TextFixer` over a batch fixer: the fix pipeline asks for every file at once
 * (`Promise.all`), so the requests that come close together are gathered into one shadow copy and
 * one process instead of a process per file.
 */
export function batchedFixer(fixAll: (files: ReadonlyMap<string, string>) => Promise<Map<string, string>>): TextFixer {
  let pending: { files: Map<string, string>; done: Promise<Map<string, string>>; touch: () => void } | null = null;
  return async (path, text) => {
    if (!pending) {
      const files = new Map<string, string>();
      let touch!: () => void;
      const done = new Promise<Map<string, string>>((resolve, reject) => {
        // The files of one fix run arrive as the fixers before this one finish theirs (an async
        // formatter's results come back one by one): the batch closes once none has come for
        // BATCH_QUIET_MS, or BATCH_MAX_MS after its first, so one process serves them all.
        const first = performance.now();
        let timer: NodeJS.Timeout | null = null;
        const flush = (): void => {
          pending = null;
          fixAll(files).then(resolve, reject);
        };
        touch = () => {
          if (timer) clearTimeout(timer);
          const left = BATCH_MAX_MS - (performance.now() - first);
          timer = setTimeout(flush, Math.max(0, Math.min(BATCH_QUIET_MS, left)));
        };
      });
      pending = { files, done, touch };
    }
    pending.files.set(path, text);
    pending.touch();
    const fixed = await pending.done;
    return fixed.get(path) ?? text;
  };
}

/** How long a fix batch waits for one more file, and at most. */
const BATCH_QUIET_MS = 4;
const BATCH_MAX_MS = 40;
