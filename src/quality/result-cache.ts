import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../adapters/file-system.js';
import { brGuardBuildId } from '../adapters/build-identity.js';
import type { Finding } from '../domain/findings.js';

const CACHE_FORMAT = 2;

interface CachedFile {
  /** sha1 of the content the findings belong to. */
  hash: string;
  findings: Finding[];
  fixable: string[];
}

interface CacheFile {
  key: string;
  files: Record<string, CachedFile>;
}

/**
 * Per-file results of a checker, keyed by the file's content and the checker's configuration
 * (like `eslint --cache`): a file whose content and config did not change is not checked again.
 * A missing, stale or unreadable cache is simply empty.
 */
export class ResultCache {
  private readonly path: string;
  private readonly key: string;
  private files: Record<string, CachedFile> = {};
  private dirty = false;

  private constructor(path: string, key: string) {
    this.path = path;
    // The cached findings' shape is part of the key: entries written before findings carried a
    // `status` (and kept baselined secrets) are not reused.
    this.key = `${CACHE_FORMAT}:${key}`;
  }

  static async open(cacheDir: string, checker: string, key: string): Promise<ResultCache> {
    // A rebuilt br-guard (same version, other code) judges again: its rules may have changed.
    const cache = new ResultCache(join(cacheDir, `results-${checker}.json`), `${await brGuardBuildId()}:${key}`);
    try {
      const data = JSON.parse(await readFile(cache.path, 'utf8')) as CacheFile;
      if (data.key === cache.key && data.files && typeof data.files === 'object') cache.files = data.files;
    } catch {
      // No usable cache yet.
    }
    return cache;
  }

  get(path: string, text: string): CachedFile | null {
    const entry = this.files[path];
    return entry && entry.hash === hashText(text) ? entry : null;
  }

  set(path: string, text: string, findings: Finding[], fixable: Set<string> | undefined): void {
    this.files[path] = {
      hash: hashText(text),
      findings,
      fixable: findings.filter((f) => fixable?.has(f.fingerprint)).map((f) => f.fingerprint),
    };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    try {
      await writeJsonAtomic(this.path, { key: this.key, files: this.files } satisfies CacheFile);
    } catch {
      // A read-only checkout still gets its results; only the speed-up is lost.
    }
  }
}

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
