import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

let ownVersion: string | undefined;

/** br-guard's own version: a new release may change any rule, so it is part of every key. */
function brGuardVersion(): string {
  if (ownVersion === undefined) {
    try {
      // dist/src/quality/checkers → package root.
      ownVersion = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      ownVersion = 'unknown';
    }
  }
  return ownVersion;
}

/**
 * A cache key for a checker's configuration: the content of the config files at the repo root
 * that can change its results, plus any extra parts (tool version, settings).
 */
export async function configKey(root: string, files: string[], extra: unknown[] = []): Promise<string> {
  const hash = createHash('sha1').update(brGuardVersion());
  for (const name of files) {
    hash.update(`\0${name}\0`);
    try {
      hash.update(await readFile(join(root, name)));
    } catch {
      hash.update('-');
    }
  }
  hash.update(JSON.stringify(extra));
  return hash.digest('hex');
}
